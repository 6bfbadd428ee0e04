using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Disruptions;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Fixtures.Tests.Cluster;

/// <summary>What cordon and uncordon send: kubectl's strategic-merge patch of spec.unschedulable, the run's mark as a merge patch, never a whole node.</summary>
public sealed class NodeCordonerTests : IAsyncLifetime
{
    private const string Node = "/api/v1/nodes/zd-node-2";
    private RecordingApiServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Cordon_marks_the_node_first_then_cordons_it_and_registers_the_uncordon()
    {
        var cleanup = new CleanupStack();
        var markers = new List<ClusterEvent>();
        using var kube = Client();

        var cordoned = await new NodeCordoner(new DisruptionTarget(kube, "ray", "run-7", cleanup, markers.Add)).CordonAsync("zd-node-2");

        cordoned.Should().BeTrue();
        _server.Bodies.Should().Equal(
            ("GET", Node, null, ""),
            ("PATCH", Node, "application/merge-patch+json", """{"metadata":{"annotations":{"zerodowntime.io/cordoned-by":"run-7"}}}"""),
            ("PATCH", Node, "application/strategic-merge-patch+json", """{"spec":{"unschedulable":true}}"""));
        cleanup.Count.Should().Be(1, "the uncordon is registered right after the first change");
        markers.Should().ContainSingle().Which.Detail.Should().Be("cordoned node zd-node-2");
    }

    [Fact]
    public async Task Uncordon_lifts_the_cordon_before_it_removes_the_mark()
    {
        using var kube = Client();

        await NodeCordoner.UncordonNodeAsync(kube, "zd-node-2");

        _server.Bodies.Should().Equal(
            ("PATCH", Node, "application/strategic-merge-patch+json", """{"spec":{"unschedulable":null}}"""),
            ("PATCH", Node, "application/merge-patch+json", """{"metadata":{"annotations":{"zerodowntime.io/cordoned-by":null}}}"""));
    }

    private k8s.IKubernetes Client() => new ClusterConnection
    {
        Server = _server.Uri, ContextName = "test", CreatePrimaryHandler = () => new SocketsHttpHandler { UseProxy = false },
    }.CreateClient();
}
