using FluentAssertions;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;
using static ZeroDowntime.Kubernetes.Tests.Fakes.Objects;

namespace ZeroDowntime.Kubernetes.Tests.Embedded;

/// <summary>RetryHandler and ApiErrors against the embedded cluster: real answers are not retried and read word for word; socket faults are.</summary>
public sealed class ClusterRetryAndErrorTests(EmbeddedCluster cluster) : IClassFixture<EmbeddedCluster>
{
    private readonly FaultInjectingHandler _transport = new();

    private IKubernetes Client(TestLog? log = null) => cluster.CreateClient(ClientFactory.FastOptions(log), _transport.Wrap);

    [Fact]
    public async Task Refused_connections_are_retried_and_the_real_answer_returned()
    {
        var log = new TestLog();
        using var kube = Client(log);
        var ns = await cluster.NewNamespaceAsync(kube);
        await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("a"), ns);
        var before = _transport.Attempts.Count;

        _transport.RefuseNext(2);
        var pod = await kube.CoreV1.ReadNamespacedPodAsync("a", ns);

        pod.Metadata.Name.Should().Be("a");
        _transport.Attempts.Skip(before).Should().Equal(Enumerable.Repeat($"GET /api/v1/namespaces/{ns}/pods/a", 3));
        log.Lines.Should().HaveCount(2).And.AllSatisfy(l => l.Should().StartWith($"GET /api/v1/namespaces/{ns}/pods/a: connection refused; retry"));
    }

    [Fact]
    public async Task A_real_404_is_not_retried_and_reads_word_for_word()
    {
        using var kube = Client();
        var ns = await cluster.NewNamespaceAsync(kube);
        var before = _transport.Attempts.Count;

        var read = () => kube.CoreV1.ReadNamespacedPodAsync("missing", ns);

        var error = (await read.Should().ThrowAsync<HttpOperationException>()).Which;
        error.IsNotFound().Should().BeTrue();
        error.Describe().Should().Be($"GET /api/v1/namespaces/{ns}/pods/missing failed: 404 NotFound: pods \"missing\" not found");
        _transport.Attempts.Count.Should().Be(before + 1);
    }

    [Fact]
    public async Task A_real_AlreadyExists_and_a_real_Conflict_are_told_apart_and_not_retried()
    {
        using var kube = Client();
        var ns = await cluster.NewNamespaceAsync(kube);
        var created = await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("a"), ns);
        await kube.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"v":"2"}}}""", V1Patch.PatchType.MergePatch), "a", ns);
        var before = _transport.Attempts.Count;

        var exists = (await FluentActions.Awaiting(() => kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("a"), ns)).Should().ThrowAsync<HttpOperationException>()).Which;
        var stale = (await FluentActions.Awaiting(() => kube.CoreV1.ReplaceNamespacedPodAsync(created, "a", ns)).Should().ThrowAsync<HttpOperationException>()).Which;

        (exists.IsAlreadyExists(), exists.IsConflict()).Should().Be((true, false));
        exists.Describe().Should().Be($"POST /api/v1/namespaces/{ns}/pods failed: 409 AlreadyExists: pods \"a\" already exists");
        (stale.IsAlreadyExists(), stale.IsConflict()).Should().Be((false, true));
        stale.Describe().Should().StartWith($"PUT /api/v1/namespaces/{ns}/pods/a failed: 409 Conflict: ");
        _transport.Attempts.Count.Should().Be(before + 2, "neither answer changes by asking again");
    }

    [Fact]
    public async Task A_stopped_cluster_is_reported_naming_the_server()
    {
        var stopped = new EmbeddedCluster();
        await stopped.InitializeAsync();
        try
        {
            await stopped.StopAsync();
            var log = new TestLog();
            using var kube = stopped.CreateClient(ClientFactory.FastOptions(log));

            var list = () => kube.CoreV1.ListNamespaceAsync();

            await list.Should().ThrowAsync<KubernetesConnectionException>()
                .WithMessage($"could not reach the Kubernetes API server at http://127.0.0.1:{stopped.Server.Port}: connection refused");
            log.Lines.Should().HaveCount(3);
        }
        finally
        {
            await stopped.DisposeAsync();
        }
    }
}
