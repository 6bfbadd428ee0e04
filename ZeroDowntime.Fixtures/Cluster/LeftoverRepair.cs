using ZeroDowntime.Fixtures.Disruptions;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.Kubernetes.Legacy;
using ZeroDowntime.Kubernetes.Legacy.Models;
using ZeroDowntime.Kubernetes.Safety;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>
/// Undoes what earlier, killed runs left behind: nodes carrying the suite's cordon annotation are
/// uncordoned, and Jobs and ConfigMaps labelled <c>zerodowntime.io/run</c> by another run are deleted.
/// Returns one sentence per repair (or per repair it could not make).
/// </summary>
public static class LeftoverRepair
{
    /// <summary>Repairs leftovers of runs other than <paramref name="runId"/>.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(KubernetesClient client, string @namespace, string runId, DisruptionGate gate, CancellationToken ct = default)
    {
        var repaired = new List<string>();
        var nodes = await client.ListAllAsync<Node>(options: null, cancellationToken: ct).ConfigureAwait(false);
        foreach (var node in nodes.Items)
        {
            if (node.Metadata.Annotations?.TryGetValue(SuiteLabels.CordonedBy, out var owner) != true || owner == runId)
            {
                continue;
            }

            var name = node.Metadata.Name!;
            if (gate.ExplainRefusal($"uncordon node {name}") is { } refusal)
            {
                repaired.Add($"Node {name} is still cordoned by the earlier run {owner}; not repaired: {refusal}");
                continue;
            }

            await client.PatchAsync<Node>(name, NodeCordoner.Uncordon, cancellationToken: ct).ConfigureAwait(false);
            repaired.Add($"Uncordoned node {name}, left cordoned by the earlier run {owner}.");
        }

        var selector = new ListOptions { LabelSelector = $"{SuiteLabels.Run},{SuiteLabels.Run}!={runId}" };
        foreach (var job in (await client.ListAllAsync<Job>(@namespace, selector, ct).ConfigureAwait(false)).Items)
        {
            await DeleteAsync<Job>(client, job.Metadata, @namespace, repaired, ct).ConfigureAwait(false);
        }

        foreach (var map in (await client.ListAllAsync<ConfigMap>(@namespace, selector, ct).ConfigureAwait(false)).Items)
        {
            await DeleteAsync<ConfigMap>(client, map.Metadata, @namespace, repaired, ct).ConfigureAwait(false);
        }

        return repaired;
    }

    private static async Task DeleteAsync<T>(KubernetesClient client, ObjectMeta meta, string @namespace, List<string> repaired, CancellationToken ct)
        where T : class, IKubernetesObject, IResource
    {
        try
        {
            await client.DeleteAsync<T>(meta.Name!, @namespace, cancellationToken: ct).ConfigureAwait(false);
            repaired.Add($"Deleted {T.Resource.Kind} {meta.Name}, left by the earlier run {meta.Labels?[SuiteLabels.Run]}.");
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            // Gone in the meantime.
        }
    }
}
