using k8s.Models;

namespace ZeroDowntime.LocalCluster.Controllers.Infrastructure;

/// <summary>The questions controllers ask about pods, answered as Kubernetes does.</summary>
public static class PodFacts
{
    /// <summary>True when metadata.deletionTimestamp is set.</summary>
    public static bool IsTerminating(this V1Pod pod) => pod.Metadata?.DeletionTimestamp is not null;

    /// <summary>True when the pod finished (Succeeded or Failed).</summary>
    public static bool IsFinished(this V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    /// <summary>Counts toward a workload's replicas: not finished and not terminating (controller.FilterActivePods).</summary>
    public static bool IsActive(this V1Pod pod) => !pod.IsFinished() && !pod.IsTerminating();

    /// <summary>Condition Ready=True (podutil.IsPodReady; ignores deletion).</summary>
    public static bool HasReadyCondition(this V1Pod pod) => pod.Condition("Ready")?.Status == "True";

    /// <summary>Ready and not terminating.</summary>
    public static bool IsReady(this V1Pod pod) => pod.HasReadyCondition() && !pod.IsTerminating();

    /// <summary>Running phase and Ready (what OrderedReady StatefulSets wait for).</summary>
    public static bool IsRunningAndReady(this V1Pod pod) => pod.Status?.Phase == "Running" && pod.IsReady();

    /// <summary>Ready for at least <paramref name="minReadySeconds"/> at <paramref name="now"/>.</summary>
    public static bool IsAvailable(this V1Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!pod.IsReady())
        {
            return false;
        }

        var since = pod.Condition("Ready")?.LastTransitionTime;
        return minReadySeconds <= 0 || since is null || since.Value.At().AddSeconds(minReadySeconds) <= now;
    }

    /// <summary>When an available-but-not-yet pod becomes available, or null.</summary>
    public static TimeSpan? UntilAvailable(this V1Pod pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!pod.IsReady() || minReadySeconds <= 0 || pod.Condition("Ready")?.LastTransitionTime is not { } since)
        {
            return null;
        }

        var at = since.At().AddSeconds(minReadySeconds);
        return at > now ? at - now : null;
    }

    /// <summary>The condition of <paramref name="type"/>, or null.</summary>
    public static V1PodCondition? Condition(this V1Pod pod, string type) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>True when spec.nodeName is set.</summary>
    public static bool IsScheduled(this V1Pod pod) => !string.IsNullOrEmpty(pod.Spec?.NodeName);

    /// <summary>The pod's containers, never null.</summary>
    public static IList<V1Container> ContainersOrEmpty(this V1Pod pod) => pod.Spec?.Containers ?? [];
}
