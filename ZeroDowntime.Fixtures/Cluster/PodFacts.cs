using k8s.Models;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>What the suite needs to know about a pod, read the way kubectl reads it.</summary>
public static class PodFacts
{
    /// <summary>The pod's Ready condition is True and it is not being deleted.</summary>
    public static bool IsReady(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null &&
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>The pod has a deletion timestamp.</summary>
    public static bool IsTerminating(V1Pod pod) => pod.Metadata.DeletionTimestamp is not null;

    /// <summary>The node the pod is bound to, or null.</summary>
    public static string? NodeOf(V1Pod pod) => pod.Spec?.NodeName;

    /// <summary>Owned by a DaemonSet: kubectl drain skips these (they would come straight back).</summary>
    public static bool IsDaemonSetPod(V1Pod pod) =>
        pod.Metadata.OwnerReferences?.Any(o => o.Kind == "DaemonSet" && o.Controller == true) == true;

    /// <summary>A static (mirror) pod: the API cannot evict it, so kubectl drain skips it.</summary>
    public static bool IsMirrorPod(V1Pod pod) =>
        pod.Metadata.Annotations?.ContainsKey("kubernetes.io/config.mirror") == true;

    /// <summary><c>name (node)</c> for messages.</summary>
    public static string Describe(V1Pod pod) => $"{pod.Metadata.Name} ({NodeOf(pod) ?? "unscheduled"})";
}
