using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.LocalCluster.Controllers.Infrastructure;

/// <summary>The questions controllers ask about pods, answered as Kubernetes does.</summary>
public static class PodFacts
{
    /// <summary>True when metadata.deletionTimestamp is set.</summary>
    public static bool IsTerminating(this Pod pod) => pod.Metadata.DeletionTimestamp is not null;

    /// <summary>True when the pod finished (Succeeded or Failed).</summary>
    public static bool IsFinished(this Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    /// <summary>Counts toward a workload's replicas: not finished and not terminating (controller.FilterActivePods).</summary>
    public static bool IsActive(this Pod pod) => !pod.IsFinished() && !pod.IsTerminating();

    /// <summary>Condition Ready=True (podutil.IsPodReady; ignores deletion).</summary>
    public static bool HasReadyCondition(this Pod pod) => pod.Condition("Ready")?.Status == "True";

    /// <summary>Ready and not terminating.</summary>
    public static bool IsReady(this Pod pod) => pod.HasReadyCondition() && !pod.IsTerminating();

    /// <summary>Running phase and Ready (what OrderedReady StatefulSets wait for).</summary>
    public static bool IsRunningAndReady(this Pod pod) => pod.Status?.Phase == "Running" && pod.IsReady();

    /// <summary>Ready for at least <paramref name="minReadySeconds"/> at <paramref name="now"/>.</summary>
    public static bool IsAvailable(this Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!pod.IsReady())
        {
            return false;
        }

        var since = pod.Condition("Ready")?.LastTransitionTime;
        return minReadySeconds <= 0 || since is null || since.Value.AddSeconds(minReadySeconds) <= now;
    }

    /// <summary>When an available-but-not-yet pod becomes available, or null.</summary>
    public static TimeSpan? UntilAvailable(this Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!pod.IsReady() || minReadySeconds <= 0 || pod.Condition("Ready")?.LastTransitionTime is not { } since)
        {
            return null;
        }

        var at = since.AddSeconds(minReadySeconds);
        return at > now ? at - now : null;
    }

    /// <summary>The condition of <paramref name="type"/>, or null.</summary>
    public static PodCondition? Condition(this Pod pod, string type) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>True when spec.nodeName is set.</summary>
    public static bool IsScheduled(this Pod pod) => !string.IsNullOrEmpty(pod.Spec?.NodeName);
}
