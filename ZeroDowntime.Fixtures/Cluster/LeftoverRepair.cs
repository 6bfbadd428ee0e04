using k8s;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Fixtures.Disruptions;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.Kubernetes.Safety;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>
/// Undoes what earlier, killed runs left behind: nodes carrying the suite's cordon annotation are
/// uncordoned, and Jobs, ConfigMaps and NetworkPolicies (a partition still in force) labelled
/// <c>zerodowntime.io/run</c> by another run are deleted.
/// Returns one sentence per repair (or per repair it could not make).
/// </summary>
public static class LeftoverRepair
{
    /// <summary>Repairs leftovers of runs other than <paramref name="runId"/>.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(IKubernetes client, string @namespace, string runId, DisruptionGate gate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(gate);
        var repaired = new List<string>();
        var nodes = await client.ListAllAsync(KubeResources.Nodes, ct: ct).ConfigureAwait(false);
        foreach (var node in nodes.Items)
        {
            if (node.Metadata.Annotations?.TryGetValue(SuiteLabels.CordonedBy, out var owner) != true || owner == runId)
            {
                continue;
            }

            var name = node.Metadata.Name;
            if (gate.ExplainRefusal($"uncordon node {name}") is { } refusal)
            {
                repaired.Add($"Node {name} is still cordoned by the earlier run {owner}; not repaired: {refusal}");
                continue;
            }

            await NodeCordoner.UncordonNodeAsync(client, name, ct).ConfigureAwait(false);
            repaired.Add($"Uncordoned node {name}, left cordoned by the earlier run {owner}.");
        }

        var otherRuns = $"{SuiteLabels.Run},{SuiteLabels.Run}!={runId}";
        foreach (var job in (await client.ListAllAsync(KubeResources.Jobs, @namespace, otherRuns, ct: ct).ConfigureAwait(false)).Items)
        {
            // Background, as kubectl does: without it the Job's pods would be orphaned and keep running.
            await DeleteAsync("Job", job.Metadata, repaired,
                () => client.BatchV1.DeleteNamespacedJobAsync(job.Metadata.Name, @namespace, propagationPolicy: "Background", cancellationToken: ct)).ConfigureAwait(false);
        }

        foreach (var map in (await client.ListAllAsync(KubeResources.ConfigMaps, @namespace, otherRuns, ct: ct).ConfigureAwait(false)).Items)
        {
            await DeleteAsync("ConfigMap", map.Metadata, repaired,
                () => client.CoreV1.DeleteNamespacedConfigMapAsync(map.Metadata.Name, @namespace, cancellationToken: ct)).ConfigureAwait(false);
        }

        foreach (var policy in (await client.ListAllAsync(KubeResources.NetworkPolicies, @namespace, otherRuns, ct: ct).ConfigureAwait(false)).Items)
        {
            var name = policy.Metadata.Name;
            if (gate.ExplainRefusal($"delete NetworkPolicy {name}") is { } refusal)
            {
                repaired.Add($"NetworkPolicy {name}, left by the earlier run {policy.Metadata.Labels?[SuiteLabels.Run]}, is still in force; not repaired: {refusal}");
                continue;
            }

            await DeleteAsync("NetworkPolicy", policy.Metadata, repaired,
                () => client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(name, @namespace, cancellationToken: ct)).ConfigureAwait(false);
        }

        return repaired;
    }

    private static async Task DeleteAsync(string kind, V1ObjectMeta meta, List<string> repaired, Func<Task> delete)
    {
        try
        {
            await delete().ConfigureAwait(false);
            repaired.Add($"Deleted {kind} {meta.Name}, left by the earlier run {meta.Labels?[SuiteLabels.Run]}.");
        }
        catch (HttpOperationException e) when (e.IsNotFound())
        {
            // Gone in the meantime.
        }
    }
}
