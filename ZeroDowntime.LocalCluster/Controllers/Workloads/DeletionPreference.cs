using k8s.Models;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Controllers.Workloads;

/// <summary>
/// Which pods a scale-down removes first (controller.ActivePods): unscheduled before scheduled,
/// Pending before Unknown before Running, not-ready before ready, ready for less time before
/// longer, more restarts first, newer before older; name as the final tie-break.
/// </summary>
public sealed class DeletionPreference : IComparer<V1Pod>
{
    /// <summary>The shared instance.</summary>
    public static DeletionPreference Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(V1Pod? x, V1Pod? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        int c;
        if ((c = x.IsScheduled().CompareTo(y.IsScheduled())) != 0)
        {
            return c;
        }

        if ((c = PhaseRank(x).CompareTo(PhaseRank(y))) != 0)
        {
            return c;
        }

        if ((c = x.HasReadyCondition().CompareTo(y.HasReadyCondition())) != 0)
        {
            return c;
        }

        if (x.HasReadyCondition())
        {
            var readyX = x.Condition("Ready")?.LastTransitionTime ?? DateTime.MinValue;
            var readyY = y.Condition("Ready")?.LastTransitionTime ?? DateTime.MinValue;
            if ((c = readyY.CompareTo(readyX)) != 0)
            {
                return c;
            }
        }

        if ((c = Restarts(y).CompareTo(Restarts(x))) != 0)
        {
            return c;
        }

        var createdX = x.Metadata?.CreationTimestamp ?? DateTime.MinValue;
        var createdY = y.Metadata?.CreationTimestamp ?? DateTime.MinValue;
        if ((c = createdY.CompareTo(createdX)) != 0)
        {
            return c;
        }

        return string.CompareOrdinal(y.Metadata?.Name, x.Metadata?.Name);
    }

    private static int PhaseRank(V1Pod pod) => pod.Status?.Phase switch
    {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };

    private static int Restarts(V1Pod pod) => pod.Status?.ContainerStatuses?.Sum(s => s.RestartCount) ?? 0;
}
