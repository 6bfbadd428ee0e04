using FluentAssertions;
using k8s;
using k8s.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Embedded;

/// <summary>KubeLists.ListAllAsync against the embedded cluster's real paging.</summary>
public sealed class ClusterListTests(EmbeddedCluster cluster) : IClassFixture<EmbeddedCluster>
{
    [Fact]
    public async Task More_than_a_page_is_listed_through_real_continue_tokens_at_one_version()
    {
        var transport = new FaultInjectingHandler();
        using var kube = cluster.CreateClient(ClientFactory.FastOptions(), transport.Wrap);
        var ns = await cluster.NewNamespaceAsync(kube);
        const int count = KubeLists.PageSize + 20;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await kube.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"cm-{i:D4}", Labels = new Dictionary<string, string> { ["parity"] = i % 2 == 0 ? "even" : "odd" } } }, ns, cancellationToken: ct));
        var before = transport.Attempts.Count;

        var all = await kube.ListAllAsync(KubeResources.ConfigMaps, ns);
        var pages = transport.Attempts.Skip(before).ToList();
        var whole = await kube.CoreV1.ListNamespacedConfigMapAsync(ns);
        var even = await kube.ListAllAsync(KubeResources.ConfigMaps, ns, labelSelector: "parity=even");

        all.Items.Select(c => c.Metadata.Name).Should().Equal(Enumerable.Range(0, count).Select(i => $"cm-{i:D4}"));
        all.ResourceVersion.Should().Be(whole.Metadata.ResourceVersion, "nothing changed between the paged list and the whole one");
        pages.Should().HaveCount(2);
        pages[1].Should().Contain("continue=");
        even.Items.Should().HaveCount(count / 2).And.OnlyContain(c => c.Metadata.Labels["parity"] == "even");
    }
}
