using FluentAssertions;
using k8s;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Connections;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.LocalCluster;
using ZeroDowntime.LocalCluster.Controllers;

namespace ZeroDowntime.Fixtures.Tests.Connections;

/// <summary>
/// The connection client Job end to end on the embedded cluster: its Job controller creates the pod, its
/// kubelet runs MockVllm's <c>connection-client</c> for the mock-vllm image (the same image as the
/// target), the client reaches the Service through <c>$(ECHO_SERVICE_HOST)</c>, and the records come
/// back through pods/log.
/// </summary>
public sealed class ConnectionJobEmbeddedClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Target = """
        apiVersion: v1
        kind: Service
        metadata: { name: echo, namespace: default }
        spec:
          selector: { app: echo }
          ports: [{ name: connections, port: 5003, targetPort: connections }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: echo, namespace: default }
        spec:
          replicas: 2
          selector: { matchLabels: { app: echo } }
          template:
            metadata: { labels: { app: echo } }
            spec:
              containers:
                - name: echo
                  image: zerodowntime/mock-vllm:latest
                  args: ["--host", "$(POD_IP)", "--node-name", "$(POD_NAME)", "--agent-port", "off", "--connection-port", "5003"]
                  env:
                    - { name: POD_IP, valueFrom: { fieldRef: { fieldPath: status.podIP } } }
                    - { name: POD_NAME, valueFrom: { fieldRef: { fieldPath: metadata.name } } }
                  ports: [{ name: connections, containerPort: 5003 }]
                  readinessProbe: { tcpSocket: { port: connections }, periodSeconds: 1 }
        """;

    private readonly string _manifests = Path.Combine(Path.GetTempPath(), $"zd-echo-{Guid.NewGuid():N}");
    private LocalClusterHost _cluster = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _cluster = await LocalClusterHost.StartAsync(new LocalClusterOptions { NodeCount = 2 }.AddControllers());
        Directory.CreateDirectory(_manifests);
        await File.WriteAllTextAsync(Path.Combine(_manifests, "echo.yaml"), Target);
        await _cluster.ApplyManifestsAsync(_manifests);
        await _cluster.WaitUntilReadyAsync(TimeSpan.FromMinutes(1));
        _client = new ClusterConnection
        {
            Server = _cluster.Uri, ContextName = "zd-local", Namespace = "default",
            CreatePrimaryHandler = () => new SocketsHttpHandler { UseProxy = false },
        }.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
        Directory.Delete(_manifests, recursive: true);
    }

    [Fact]
    public async Task The_Job_runs_the_connection_client_and_its_records_come_back_through_the_log()
    {
        await using var traffic = new ConnectionJobTraffic(_client, Options("zerodowntime/mock-vllm:latest"));

        await traffic.StartAsync(TimeSpan.FromSeconds(60));
        (await _client.BatchV1.ListNamespacedJobAsync("default", labelSelector: "zerodowntime.io/run=zd-embedded-conn")).Items.Should().ContainSingle();
        await Task.Delay(TimeSpan.FromSeconds(1)); // one second of traffic: at 10/s every slot sends several requests
        var records = await traffic.StopAsync();

        var pods = (await _client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=echo")).Items.Select(p => p.Metadata.Name).ToList();
        // The cluster IP may get its backends 500 ms after the pods are Ready (the propagation delay): early connects are reset and retried.
        var connections = records.Where(r => !r.IsFailedConnect).ToList();
        records.Except(connections).Select(r => r.Detail).Should().BeSubsetOf(["connection reset"]);
        connections.Should().HaveCount(4).And.OnlyContain(r => r.IsLasting && r.Sent > 0 && r.Failed == 0 && r.Answered == r.Sent);
        connections.Select(r => r.Pod).Should().OnlyContain(p => pods.Contains(p!), "the server names itself: the pod behind the Service's cluster IP");
        connections.Select(r => r.Slot).Should().BeEquivalentTo([0, 1, 2, 3]);
        (await _client.BatchV1.ListNamespacedJobAsync("default")).Items.Should().BeEmpty("stopping deletes the Job");
    }

    [Fact]
    public async Task A_client_image_that_cannot_run_fails_as_the_client_not_as_the_service()
    {
        await using var traffic = new ConnectionJobTraffic(_client, Options("zerodowntime/no-such-client:1"));

        var failure = await FluentActions.Awaiting(() => traffic.StartAsync(TimeSpan.FromSeconds(60))).Should().ThrowAsync<InvalidOperationException>();

        output.WriteLine(failure.Which.Message);
        failure.Which.Message.Should().StartWith("The connection client Job zd-connections-embedded-conn failed, not the service under test: its container cannot start (ErrImagePull: ");
    }

    private ConnectionJobOptions Options(string image) => new()
    {
        RunId = "zd-embedded-conn",
        Namespace = "default",
        Image = image,
        Service = "echo",
        Port = 5003,
        Connections = 4,
        Rate = 10,
        JobDeadline = TimeSpan.FromMinutes(2),
        Log = line => output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}"),
    };
}
