using k8s.Models;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Controllers.Workloads;

/// <summary>
/// The Deployment controller's rolling-update arithmetic (pkg/controller/deployment/rolling.go and
/// util/deployment_util.go), as pure functions.
/// </summary>
/// <example><code>
/// var (surge, unavailable) = RolloutMath.ResolveFenceposts("25%", "25%", 3); // (1, 0)
/// </code></example>
public static class RolloutMath
{
    private static readonly IntOrString DefaultFencepost = "25%";

    /// <summary>
    /// maxSurge rounded up and maxUnavailable rounded down against <paramref name="desired"/>
    /// (defaults 25% each); when both resolve to 0, maxUnavailable becomes 1 so a rollout can progress.
    /// </summary>
    public static (int MaxSurge, int MaxUnavailable) ResolveFenceposts(IntOrString? maxSurge, IntOrString? maxUnavailable, int desired)
    {
        var surge = (maxSurge ?? DefaultFencepost).Resolve(desired, roundUp: true);
        var unavailable = (maxUnavailable ?? DefaultFencepost).Resolve(desired, roundUp: false);
        if (surge == 0 && unavailable == 0)
        {
            unavailable = 1;
        }

        return (surge, Math.Min(unavailable, desired));
    }

    /// <summary>
    /// The new ReplicaSet's next spec.replicas: grow it as far as maxSurge allows over the sum of
    /// every ReplicaSet's spec.replicas, never past <paramref name="desired"/>.
    /// </summary>
    public static int NewReplicaSetReplicas(int desired, int maxSurge, int newSpecReplicas, int allSpecReplicas)
    {
        if (newSpecReplicas >= desired)
        {
            return desired;
        }

        var maxTotal = desired + maxSurge;
        if (allSpecReplicas >= maxTotal)
        {
            return newSpecReplicas;
        }

        var scaleUp = Math.Min(maxTotal - allSpecReplicas, desired - newSpecReplicas);
        return newSpecReplicas + scaleUp;
    }

    /// <summary>
    /// The old ReplicaSets' next spec.replicas (oldest first in <paramref name="oldSets"/>): first
    /// shed their unavailable pods, then scale down available ones while at least
    /// desired - maxUnavailable pods stay available. Returns only the sets that change.
    /// </summary>
    public static IReadOnlyDictionary<string, int> ScaleDownOldReplicaSets(int desired, int maxUnavailable, ReplicaSetCounts? newSet,
        IReadOnlyList<ReplicaSetCounts> oldSets)
    {
        var result = new Dictionary<string, int>();
        var oldSpec = oldSets.Sum(s => s.SpecReplicas);
        if (oldSpec == 0)
        {
            return result;
        }

        var allSpec = oldSpec + (newSet?.SpecReplicas ?? 0);
        var minAvailable = desired - maxUnavailable;
        var newUnavailable = newSet is null ? 0 : Math.Max(0, newSet.SpecReplicas - newSet.AvailableReplicas);
        var maxScaledDown = allSpec - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return result;
        }

        var current = oldSets.ToDictionary(s => s.Name, s => s.SpecReplicas);
        var cleaned = 0;
        foreach (var set in oldSets)
        {
            if (cleaned >= maxScaledDown)
            {
                break;
            }

            var unhealthy = set.SpecReplicas - set.AvailableReplicas;
            if (set.SpecReplicas == 0 || unhealthy <= 0)
            {
                continue;
            }

            var down = Math.Min(maxScaledDown - cleaned, unhealthy);
            current[set.Name] = set.SpecReplicas - down;
            cleaned += down;
        }

        var available = oldSets.Sum(s => s.AvailableReplicas) + (newSet?.AvailableReplicas ?? 0);
        var totalScaleDown = available - minAvailable;
        var scaledDown = 0;
        foreach (var set in oldSets)
        {
            if (scaledDown >= totalScaleDown)
            {
                break;
            }

            if (current[set.Name] == 0)
            {
                continue;
            }

            var down = Math.Min(current[set.Name], totalScaleDown - scaledDown);
            current[set.Name] -= down;
            scaledDown += down;
        }

        foreach (var set in oldSets.Where(s => current[s.Name] != s.SpecReplicas))
        {
            result[set.Name] = current[set.Name];
        }

        return result;
    }
}
