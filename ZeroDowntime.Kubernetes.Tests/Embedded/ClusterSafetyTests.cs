using FluentAssertions;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Kubernetes.Safety;
using ZeroDowntime.Kubernetes.Tests.Fakes;
using static ZeroDowntime.Kubernetes.Tests.Fakes.Objects;

namespace ZeroDowntime.Kubernetes.Tests.Embedded;

/// <summary>The disruption gate, eviction and proxy subresources against the embedded cluster (an API server without kubelet or controllers).</summary>
public sealed class ClusterSafetyTests(EmbeddedCluster cluster) : IClassFixture<EmbeddedCluster>
{
    private IKubernetes Gated(DisruptionGate gate) => cluster.CreateClient(ClientFactory.FastOptions() with { Handlers = [() => new DisruptionGuardHandler(gate)] });

    [Fact]
    public async Task A_closed_gate_leaves_the_pod_and_the_node_untouched()
    {
        using var kube = cluster.CreateClient();
        var ns = await cluster.NewNamespaceAsync(kube);
        await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("worker"), ns);
        using var gated = Gated(DisruptionGate.ForContext(cluster.Connection.ContextName, "zd-local "));

        await FluentActions.Awaiting(() => gated.CoreV1.DeleteNamespacedPodAsync("worker", ns)).Should().ThrowAsync<DisruptionNotAllowedException>()
            .WithMessage($"Refusing to DELETE pod {ns}/worker on context 'zd-local': *(it is set, but with leading or trailing spaces).");
        await FluentActions.Awaiting(() => gated.EvictPodAsync("worker", ns)).Should().ThrowAsync<DisruptionNotAllowedException>();
        await FluentActions.Awaiting(() => gated.CoreV1.PatchNodeAsync(new V1Patch("""{"spec":{"unschedulable":true}}""", V1Patch.PatchType.StrategicMergePatch), "zd-node-1"))
            .Should().ThrowAsync<DisruptionNotAllowedException>();

        (await gated.CoreV1.ReadNamespacedPodAsync("worker", ns)).Metadata.DeletionTimestamp.Should().BeNull("reads pass a closed gate, and the delete never arrived");
        (await kube.CoreV1.ReadNodeAsync("zd-node-1")).Spec?.Unschedulable.Should().NotBe(true);
    }

    [Fact]
    public async Task The_embedded_clusters_gate_lets_a_delete_through()
    {
        using var kube = cluster.CreateClient();
        var ns = await cluster.NewNamespaceAsync(kube);
        await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("worker"), ns);
        using var gated = Gated(DisruptionGate.ForEmbeddedCluster());

        await gated.CoreV1.DeleteNamespacedPodAsync("worker", ns, new V1DeleteOptions { GracePeriodSeconds = 0 });

        (await FluentActions.Awaiting(() => kube.CoreV1.ReadNamespacedPodAsync("worker", ns)).Should().ThrowAsync<HttpOperationException>()).Which.IsNotFound().Should().BeTrue();
    }

    [Fact]
    public async Task An_eviction_the_server_cannot_serve_is_an_error_in_the_servers_words()
    {
        using var kube = cluster.CreateClient();
        var ns = await cluster.NewNamespaceAsync(kube);
        await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("worker"), ns);

        var evict = () => kube.EvictPodAsync("worker", ns);

        // An API server without the disruption controller answers 501: neither evicted nor refused by a budget.
        await evict.Should().ThrowExactlyAsync<InvalidOperationException>()
            .WithMessage($"Evicting pod {ns}/worker failed: 501 NotImplemented: pods/eviction is not implemented by the local cluster yet");
    }

    [Fact]
    public async Task A_proxy_answer_the_server_cannot_serve_is_a_result()
    {
        using var kube = cluster.CreateClient();
        var ns = await cluster.NewNamespaceAsync(kube);
        await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("worker"), ns);

        var response = await kube.ProxyToPodAsync(HttpMethod.Get, ns, "worker", 8080, "healthz");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotImplemented);
        KubeJson.Deserialize<V1Status>(response.Body).Message.Should().Be("pods/proxy is not implemented by the local cluster yet");
    }
}
