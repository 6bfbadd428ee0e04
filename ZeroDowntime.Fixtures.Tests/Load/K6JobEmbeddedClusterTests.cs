using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Tests.Probes;
using k8s;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.LocalCluster;
using ZeroDowntime.LocalCluster.Controllers;
using ZeroDowntime.LocalCluster.Kubelet;

namespace ZeroDowntime.Fixtures.Tests.Load;

/// <summary>
/// The k6 Job lifecycle on the embedded cluster: its Job controller creates the pod, its process
/// kubelet runs ZeroDowntime.K6Double through a test-only image mapping, pods/log and pods/proxy are
/// the cluster's own. grafana/k6 stays unmapped (the double is never substituted for it).
/// </summary>
public sealed class K6JobEmbeddedClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string DoubleImage = "zerodowntime/k6-double:1.0";
    private const string CrashingDoubleImage = "zerodowntime/k6-double-crash:1.0";
    private LocalClusterHost _cluster = null!;
    private IKubernetes _client = null!;
    private LoopbackHttpServer _target = null!;
    private readonly StringWriter _clusterLog = new();

    public async Task InitializeAsync()
    {
        var kubelet = new KubeletOptions { CrashLoopBackoffBase = TimeSpan.FromMilliseconds(300), ShutdownGracePeriod = TimeSpan.FromSeconds(2) };
        kubelet.ImageMappings.Insert(0, new ImageMapping("zerodowntime/k6-double-crash:*", ["{Dotnet}", FakesDoubleDll()]) { Env = new Dictionary<string, string> { ["K6_DOUBLE_FAIL"] = "crash-on-start" } });
        kubelet.ImageMappings.Insert(1, new ImageMapping("zerodowntime/k6-double:*", ["{Dotnet}", FakesDoubleDll()]));
        var options = new LocalClusterOptions { NodeCount = 2, Kubelet = kubelet, Log = TextWriter.Synchronized(_clusterLog) }.AddControllers();
        _cluster = await LocalClusterHost.StartAsync(options);
        _client = new ClusterConnection
        {
            Server = _cluster.Uri, ContextName = "zd-local", Namespace = "default",
            CreatePrimaryHandler = () => new SocketsHttpHandler { UseProxy = false },
        }.CreateClient();
        _target = LoopbackHttpServer.Start();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
        await _target.DisposeAsync();
        output.WriteLine(_clusterLog.ToString());
    }

    [Fact]
    public async Task Embedded_cluster_runs_the_double_stops_it_on_demand_and_deletes_the_Job_and_ConfigMap()
    {
        await using var load = new K6JobLoadGenerator(_client, Options(DoubleImage));
        await load.StartAsync();
        (await _client.BatchV1.ListNamespacedJobAsync("default")).Items.Should().ContainSingle();

        var summary = await load.StopAsync();

        summary.Generator.Should().Be("k6");
        summary.Attempts.Should().BeGreaterThan(0).And.Be(load.Attempts.Count);
        summary.Successes.Should().Be(summary.Attempts);
        load.Attempts.Should().OnlyContain(a => a.Source == AttemptSources.K6);
        (await _client.BatchV1.ListNamespacedJobAsync("default")).Items.Should().BeEmpty();
        (await _client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "zerodowntime.io/run=embedded-1")).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Embedded_cluster_crashing_double_is_retried_once_then_a_clear_load_generator_failure()
    {
        await using var load = new K6JobLoadGenerator(_client, Options(CrashingDoubleImage));

        var failure = await FluentActions.Awaiting(() => load.StartAsync()).Should().ThrowAsync<LoadGeneratorFailedException>();

        output.WriteLine(failure.Which.Message);
        failure.Which.Message.Should().StartWith("The LOAD GENERATOR (k6) failed, not the service under test")
            .And.Contain("It was tried 2 times.").And.Contain("exit code 107");
        load.Tries.Should().Be(2);
        (await _client.BatchV1.ListNamespacedJobAsync("default")).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Embedded_cluster_cannot_run_grafana_k6_and_says_it_is_the_load_generator()
    {
        var k6Image = ZeroDowntimeSettings.Load(new Dictionary<string, string?>()).K6Image;
        await using var load = new K6JobLoadGenerator(_client, Options(k6Image) with { MaxTries = 1 });

        var failure = await FluentActions.Awaiting(() => load.StartAsync()).Should().ThrowAsync<LoadGeneratorFailedException>();

        failure.Which.Message.Should().Contain("the k6 image cannot be pulled (ErrImagePull)").And.Contain($"the local cluster cannot run image {k6Image}");
    }

    [Fact]
    public async Task When_ZD_LOAD_auto_picked_the_k6_Job_and_the_image_cannot_run_the_failure_says_how_to_choose_the_builtin_generator()
    {
        var settings = ZeroDowntimeSettings.Load(new Dictionary<string, string?> { ["ZD_CLUSTER"] = "kubeconfig" });
        await using var load = new K6JobLoadGenerator(_client, Options(settings.K6Image) with
        {
            MaxTries = 1,
            ImageFailureHint = LoadGeneratorFactory.ImageFailureHint(settings),
        });

        var failure = await FluentActions.Awaiting(() => load.StartAsync()).Should().ThrowAsync<LoadGeneratorFailedException>();

        failure.Which.Message.Should().EndWith(
            $"The cluster cannot run the k6 image {settings.K6Image} (ZD_K6_IMAGE); ZD_LOAD=auto picks the k6 Job on a real cluster. " +
            "Set ZD_LOAD=builtin to send the load from the test process instead (the service's address, the load balancer's ingress " +
            "or ZD_TARGET__BASE_URL, must be reachable from this machine), or make the image pullable by the cluster's nodes.");
    }

    private K6JobOptions Options(string image) => K6JobTestOptions.For(_target.Uri, "embedded-1") with
    {
        Namespace = "default",
        Image = image,
        ApiPort = FreePort(), // the double binds 0.0.0.0 like k6; a free port keeps parallel runs apart
        StartTimeout = TimeSpan.FromSeconds(60),
        Log = line => output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}"),
    };

    private static string FakesDoubleDll() => Fakes.FakeJobRunner.DoubleDll;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
