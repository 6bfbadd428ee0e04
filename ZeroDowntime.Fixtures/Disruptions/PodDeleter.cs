using k8s;
using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Disruptions;

/// <summary>Deletes a pod (graceful, as <c>kubectl delete pod</c>) and marks the instant the API accepted it.</summary>
/// <example><code>
/// var accepted = await new PodDeleter(target).DeleteAsync(pod, role: "worker");
/// </code></example>
public sealed class PodDeleter(DisruptionTarget target)
{
    /// <summary>Deletes <paramref name="pod"/>; returns when the API accepted the deletion (the marker's time).</summary>
    public async Task<DateTimeOffset> DeleteAsync(V1Pod pod, string role, CancellationToken ct = default)
    {
        var name = pod.Metadata.Name!;
        target.Mark(new ClusterEvent(MeasurementClock.UtcNow, ClusterEventKind.DisruptionStarted, role, name, pod.Metadata.Uid,
            PodFacts.NodeOf(pod), $"delete pod {name}"));
        await target.Client.CoreV1.DeleteNamespacedPodAsync(name, target.Namespace, cancellationToken: ct).DescribeFailure().ConfigureAwait(false);
        var accepted = MeasurementClock.UtcNow;
        target.Mark(new ClusterEvent(accepted, ClusterEventKind.DisruptionAccepted, role, name, pod.Metadata.Uid,
            PodFacts.NodeOf(pod), $"deleted pod {name}"));
        return accepted;
    }
}
