using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Recording;
using k8s;
using k8s.Models;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.LocalCluster;
using ZeroDowntime.LocalCluster.Controllers;
using ZeroDowntime.LocalCluster.Kubelet;

namespace ZeroDowntime.Fixtures.Tests.Recording;

/// <summary>The recorder on the embedded cluster: its scheduler binds, its process kubelet runs and terminates a real process.</summary>
public sealed class PodEventRecorderEmbeddedClusterTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private LocalClusterHost _cluster = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        var options = new LocalClusterOptions { NodeCount = 2, Kubelet = new KubeletOptions { ShutdownGracePeriod = TimeSpan.FromSeconds(1) }, Log = TextWriter.Null }.AddControllers();
        _cluster = await LocalClusterHost.StartAsync(options);
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
    }

    [Fact]
    public async Task A_real_pod_is_recorded_from_creation_to_deletion_in_order()
    {
        await using var recorder = new PodEventRecorder(_client, "default", [new RecordedRole("worker", "app=sleeper")]);
        await recorder.StartAsync();
        recorder.Current.Nodes.Should().HaveCount(2).And.OnlyContain(n => n.Value.Ready);

        await _client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "sleeper", Labels = new Dictionary<string, string> { ["app"] = "sleeper" } },
            Spec = new V1PodSpec { TerminationGracePeriodSeconds = 1, Containers = [new V1Container { Name = "main", Image = "busybox:1.36", Command = ["sh", "-c", "exec sleep 300"] }] },
        }, "default");
        await recorder.WaitForReadyCountAsync("worker", 1, "test deadline", Deadline);
        await _client.CoreV1.DeleteNamespacedPodAsync("sleeper", "default");
        await recorder.WaitUntilAsync(s => s.Pods["worker"].Count == 0, "sleeper deleted", "test deadline", Deadline);

        var kinds = recorder.Events.Where(e => e.Pod == "sleeper").Select(e => e.Kind).Distinct().ToList();
        kinds.Should().ContainInOrder(ClusterEventKind.PodCreated, ClusterEventKind.PodScheduled, ClusterEventKind.PodReady, ClusterEventKind.PodTerminating, ClusterEventKind.PodDeleted);
        recorder.Events.Single(e => e.Kind == ClusterEventKind.PodReady).ServerTime.Should().NotBeNull();
        recorder.Events.Single(e => e.Kind == ClusterEventKind.PodScheduled).Node.Should().StartWith("zd-node-");
        ReadyCounts.Timeline(recorder.Events, "worker").Select(s => s.Count).Should().Equal(0, 1, 0);
    }
}
