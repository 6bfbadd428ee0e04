using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Probes;
using ZeroDowntime.Fixtures.Tests.Fakes;

namespace ZeroDowntime.Fixtures.Tests.Load;

public sealed class LoadGeneratorFactoryTests : IAsyncLifetime
{
    private FakeKubeApiServer _api = null!;

    public async Task InitializeAsync() => _api = await FakeKubeApiServer.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData(LoadGeneratorChoice.Auto, ClusterMode.Kubeconfig, LoadGeneratorChoice.K6)]
    [InlineData(LoadGeneratorChoice.Auto, ClusterMode.Local, LoadGeneratorChoice.Builtin)]
    [InlineData(LoadGeneratorChoice.K6, ClusterMode.Local, LoadGeneratorChoice.K6)]
    [InlineData(LoadGeneratorChoice.Builtin, ClusterMode.Kubeconfig, LoadGeneratorChoice.Builtin)]
    public void ZD_LOAD_resolves_per_cluster(LoadGeneratorChoice choice, ClusterMode cluster, LoadGeneratorChoice expected) =>
        LoadGeneratorFactory.Resolve(choice, cluster).Should().Be(expected);

    [Fact]
    public async Task Auto_on_the_embedded_cluster_is_the_builtin_generator_named_in_the_report()
    {
        var (settings, session) = Open(new() { ["ZD_LOAD"] = "auto" });
        await using var load = LoadGeneratorFactory.Create(settings, session, Request());
        load.Should().BeOfType<BuiltInLoadGenerator>();
        load.Name.Should().Be("builtin");
        ((BuiltInLoadGenerator)load).Options.RequestTimeout.Should().Be(settings.Timing.Load.RequestTimeout);
        session.Dispose();
    }

    [Fact]
    public void K6_on_the_embedded_cluster_without_an_image_mapping_fails_with_one_clear_sentence()
    {
        var (settings, session) = Open(new() { ["ZD_LOAD"] = "k6" });
        using var _ = session;
        FluentActions.Invoking(() => LoadGeneratorFactory.Create(settings, session, Request()))
            .Should().Throw<ZeroDowntimeConfigurationException>().Which.Problems.Should().Equal(
                "ZD_LOAD is 'k6', but the embedded local cluster cannot run the image grafana/k6:2.0.0 unless an image mapping for it is configured; " +
                "use ZD_LOAD=auto or builtin here, or run against a real cluster with ZD_CLUSTER=kubeconfig.");
    }

    [Fact]
    public async Task K6_on_the_embedded_cluster_with_an_image_mapping_is_the_Job()
    {
        var (settings, session) = Open(new() { ["ZD_LOAD"] = "k6", ["ZD_K6_IMAGE"] = "zerodowntime/k6-double:1.0" });
        using var _ = session;
        await using var load = LoadGeneratorFactory.Create(settings, session, Request() with { EmbeddedClusterRunsImage = image => image.StartsWith("zerodowntime/k6-double", StringComparison.Ordinal) });
        load.Should().BeOfType<K6JobLoadGenerator>();
    }

    [Fact]
    public async Task Auto_on_a_real_cluster_is_the_k6_Job_configured_from_the_settings()
    {
        var (settings, session) = Open(new() { ["ZD_CLUSTER"] = "kubeconfig", ["ZD_TIMING__LOAD__RATE"] = "7", ["ZD_TIMING__LOAD__CONCURRENCY"] = "12" });
        using var _ = session;
        await using var load = LoadGeneratorFactory.Create(settings, session, Request() with { AvoidNode = "node-b" });

        var k6 = load.Should().BeOfType<K6JobLoadGenerator>().Subject;
        k6.Name.Should().Be("k6");
        var options = k6.Options;
        options.Image.Should().Be(settings.K6Image);
        options.Namespace.Should().Be(session.Namespace);
        options.RunId.Should().Be("run-42");
        options.AvoidNode.Should().Be("node-b");
        options.AvoidPodsMatching.Should().Equal("ray.io/node-type=head", "ray.io/node-type=worker", "app=redis");
        options.StartTimeout.Should().Be(settings.Timing.Load.StartTimeout);
        options.JobDeadline.Should().Be(settings.Timing.Load.JobDeadline);
        (options.Load.Rate, options.Load.MaxConcurrency).Should().Be((7, 12));
        options.Load.Request.Uri.Should().Be(new Uri($"http://ray-serve-nlb.{session.Namespace}.svc:80/VLLMDeployment"), "the pod sends to the Service's in-cluster name");
    }

    private (ZeroDowntimeSettings Settings, ClusterSession Session) Open(Dictionary<string, string?> environment)
    {
        var settings = ZeroDowntimeSettings.Load(environment);
        return (settings, ClusterSession.Open(_api.Connection(), settings));
    }

    private static LoadGeneratorRequest Request() => new()
    {
        Request = InferenceRequest.Completion(new Uri("http://127.30.0.5/VLLMDeployment")),
        RunId = "run-42",
        Duration = TimeSpan.FromSeconds(30),
    };
}
