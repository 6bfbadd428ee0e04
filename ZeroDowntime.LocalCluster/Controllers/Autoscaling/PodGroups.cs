using k8s.Models;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// The controller's sorting of the target's pods before it trusts their metrics (replica_calculator's
/// groupPods): deleted and failed pods are <see cref="Ignored"/>; Pending pods, and for cpu pods that
/// are not Ready or whose sample still covers their start-up, are <see cref="Unready"/>; pods without a
/// sample are <see cref="Missing"/>; the rest are counted as ready.
/// </summary>
/// <param name="ReadyCount">Pods whose samples are used as they are.</param>
/// <param name="Unready">Pods left out, and counted as 0% on a scale-up.</param>
/// <param name="Missing">Pods without metrics: 0% on a scale-up, 100% on a scale-down.</param>
/// <param name="Ignored">Terminating and failed pods: never counted.</param>
public sealed record PodGroups(int ReadyCount, IReadOnlySet<string> Unready, IReadOnlySet<string> Missing, IReadOnlySet<string> Ignored)
{
    /// <summary>
    /// Groups <paramref name="pods"/>. For <c>cpu</c> during <paramref name="cpuInitializationPeriod"/> after a
    /// pod started, a sample counts only if the pod is Ready and one full window has passed since its
    /// readiness last changed (start-up burns CPU that says nothing about load); later, only a pod that
    /// has never been Ready within <paramref name="initialReadinessDelay"/> of starting is left out.
    /// </summary>
    public static PodGroups Of(IEnumerable<V1Pod> pods, IReadOnlyDictionary<string, PodMetric> metrics, string resource,
        TimeSpan cpuInitializationPeriod, TimeSpan initialReadinessDelay, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(metrics);
        var unready = new HashSet<string>(StringComparer.Ordinal);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        var ready = 0;
        foreach (var pod in pods)
        {
            var name = pod.Metadata?.Name ?? "";
            if (pod.IsTerminating() || pod.Status?.Phase == "Failed")
            {
                ignored.Add(name);
                continue;
            }

            if (pod.Status?.Phase == "Pending")
            {
                unready.Add(name);
                continue;
            }

            if (!metrics.TryGetValue(name, out var metric))
            {
                missing.Add(name);
                continue;
            }

            if (resource == "cpu" && IsUnreadyForCpu(pod, metric, cpuInitializationPeriod, initialReadinessDelay, now))
            {
                unready.Add(name);
                continue;
            }

            ready++;
        }

        return new PodGroups(ready, unready, missing, ignored);
    }

    private static bool IsUnreadyForCpu(V1Pod pod, PodMetric metric, TimeSpan initializationPeriod, TimeSpan readinessDelay, DateTimeOffset now)
    {
        var condition = pod.Condition("Ready");
        if (condition is null || pod.Status?.StartTime is not { } startTime)
        {
            return true;
        }

        var started = startTime.At();
        var transition = condition.LastTransitionTime is { } t ? t.At() : DateTimeOffset.MinValue;
        if (started + initializationPeriod > now)
        {
            return condition.Status == "False" || metric.Timestamp < transition + metric.Window;
        }

        return condition.Status == "False" && started + readinessDelay > transition;
    }
}
