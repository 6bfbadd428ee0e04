using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.Kubernetes.Legacy;
using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Fixtures.Disruptions;

/// <summary>
/// Cordons a node the way <c>kubectl cordon</c> does, and marks it with
/// <c>zerodowntime.io/cordoned-by=&lt;run-id&gt;</c> so a later run can undo it if this one is killed.
/// </summary>
/// <example><code>
/// var cordoner = new NodeCordoner(target);
/// await cordoner.CordonAsync("zd-node-2");      // uncordon registered in target.Cleanup at once
/// await cordoner.UncordonAsync("zd-node-2");
/// </code></example>
public sealed class NodeCordoner(DisruptionTarget target)
{
    /// <summary>Cordons <paramref name="node"/>; returns false (and changes nothing) when it was already cordoned by someone else.</summary>
    public async Task<bool> CordonAsync(string node, CancellationToken ct = default)
    {
        var current = await target.Client.GetAsync<Node>(node, cancellationToken: ct).ConfigureAwait(false);
        if (current.Spec?.Unschedulable == true && !IsOurs(current))
        {
            return false;
        }

        await target.Client.PatchAsync<Node>(node, KubePatch.Merge(new
        {
            metadata = new { annotations = new Dictionary<string, string> { [SuiteLabels.CordonedBy] = target.RunId } },
            spec = new { unschedulable = true },
        }), cancellationToken: ct).ConfigureAwait(false);
        target.Cleanup.Push($"uncordon node {node}", c => UncordonAsync(node, c));
        target.Mark(new ClusterEvent(MeasurementClock.UtcNow, ClusterEventKind.Marker, Node: node, Detail: $"cordoned node {node}"));
        return true;
    }

    /// <summary>Makes <paramref name="node"/> schedulable again and removes the suite's annotation.</summary>
    public async Task UncordonAsync(string node, CancellationToken ct = default)
    {
        await target.Client.PatchAsync<Node>(node, Uncordon, cancellationToken: ct).ConfigureAwait(false);
        target.Mark(new ClusterEvent(MeasurementClock.UtcNow, ClusterEventKind.Marker, Node: node, Detail: $"uncordoned node {node}"));
    }

    /// <summary>The patch that uncordons a node and drops the suite's annotation.</summary>
    public static KubePatch Uncordon { get; } = new(PatchType.Merge,
        $"{{\"metadata\":{{\"annotations\":{{\"{SuiteLabels.CordonedBy}\":null}}}},\"spec\":{{\"unschedulable\":null}}}}");

    private bool IsOurs(Node node) =>
        node.Metadata.Annotations?.TryGetValue(SuiteLabels.CordonedBy, out var run) == true && run == target.RunId;
}
