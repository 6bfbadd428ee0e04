using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Disruptions;

/// <summary>
/// Cordons a node the way <c>kubectl cordon</c> does (a strategic-merge patch of <c>spec.unschedulable</c>),
/// and marks it with <c>zerodowntime.io/cordoned-by=&lt;run-id&gt;</c> (a merge patch of the annotation)
/// so a later run can undo it if this one is killed. The node is never read, changed and written back:
/// the suite does not own it, and a model would drop fields it does not know.
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
        var current = await target.Client.CoreV1.ReadNodeAsync(node, cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
        if (current.Spec?.Unschedulable == true && !IsOurs(current))
        {
            return false;
        }

        // The mark first: a run killed between the two patches leaves a marked node, never an unmarked cordon.
        await target.Client.CoreV1.PatchNodeAsync(MarkPatch(target.RunId), node, cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
        target.Cleanup.Push($"uncordon node {node}", c => UncordonAsync(node, c));
        await target.Client.CoreV1.PatchNodeAsync(SchedulablePatch(unschedulable: true), node, cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
        target.Mark(new ClusterEvent(MeasurementClock.UtcNow, ClusterEventKind.Marker, Node: node, Detail: $"cordoned node {node}"));
        return true;
    }

    /// <summary>Makes <paramref name="node"/> schedulable again and removes the suite's annotation.</summary>
    public async Task UncordonAsync(string node, CancellationToken ct = default)
    {
        await UncordonNodeAsync(target.Client, node, ct).ConfigureAwait(false);
        target.Mark(new ClusterEvent(MeasurementClock.UtcNow, ClusterEventKind.Marker, Node: node, Detail: $"uncordoned node {node}"));
    }

    /// <summary>
    /// Uncordons <paramref name="node"/> (<c>{"spec":{"unschedulable":null}}</c>, as <c>kubectl uncordon</c>) and then
    /// removes the suite's annotation; in that order, so an interruption never leaves a cordon without its mark.
    /// </summary>
    public static async Task UncordonNodeAsync(IKubernetes kube, string node, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(kube);
        await kube.CoreV1.PatchNodeAsync(SchedulablePatch(unschedulable: false), node, cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
        await kube.CoreV1.PatchNodeAsync(MarkPatch(runId: null), node, cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
    }

    // kubectl's cordon body; null removes the field, which is how kubectl uncordons.
    private static V1Patch SchedulablePatch(bool unschedulable) => new(
        unschedulable ? """{"spec":{"unschedulable":true}}""" : """{"spec":{"unschedulable":null}}""",
        V1Patch.PatchType.StrategicMergePatch);

    // Sets the suite's annotation to the run id, or removes it (null).
    private static V1Patch MarkPatch(string? runId) => new(
        new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [SuiteLabels.CordonedBy] = runId } } }.ToJsonString(),
        V1Patch.PatchType.MergePatch);

    private bool IsOurs(V1Node node) =>
        node.Metadata.Annotations?.TryGetValue(SuiteLabels.CordonedBy, out var run) == true && run == target.RunId;
}
