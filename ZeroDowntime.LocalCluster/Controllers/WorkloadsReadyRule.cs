using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Kubelet;
using ZeroDowntime.LocalCluster.Lifecycle;

namespace ZeroDowntime.LocalCluster.Controllers;

/// <summary>
/// Ready when every running pod is Ready (finished Job pods aside) and every Deployment,
/// StatefulSet and ReplicaSet has observed its spec and has exactly spec.replicas pods, all Ready —
/// so <c>up</c> does not print <c>ready</c> before the controllers have even created the pods.
/// Pods the kubelet refused because their <see cref="PodRequirements.Annotation"/> cannot be met on this
/// machine (e.g. Sentinel pods where redis images run the Garnet stand-in), and the workloads whose
/// template carries that annotation, are not waited for: they will never be Ready here, and say why.
/// </summary>
public sealed class WorkloadsReadyRule : IReadinessRule
{
    /// <inheritdoc />
    public bool IsReady(ClusterApi api, out string waitingFor)
    {
        var missing = new List<string>();
        var pods = api.Pods.ListStored().Select(o => o.As<V1Pod>()).ToList();
        var refused = pods.Where(IsRefusedForRequirement).ToList();
        foreach (var pod in pods.Where(p => !p.IsFinished() && !p.IsReady() && !refused.Contains(p)))
        {
            missing.Add($"pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} not Ready");
        }

        foreach (var d in api.Deployments.ListStored().Select(o => o.As<V1Deployment>()).Where(d => !Optional(d.Spec?.Template, d.Spec?.Selector, refused)))
        {
            Check(missing, "deployment", d.Metadata, d.Spec?.Replicas ?? 1, d.Status?.ObservedGeneration, d.Status?.Replicas, d.Status?.ReadyReplicas, d.Status?.UpdatedReplicas);
        }

        foreach (var s in api.StatefulSets.ListStored().Select(o => o.As<V1StatefulSet>()).Where(s => !Optional(s.Spec?.Template, s.Spec?.Selector, refused)))
        {
            Check(missing, "statefulset", s.Metadata, s.Spec?.Replicas ?? 1, s.Status?.ObservedGeneration, s.Status?.Replicas, s.Status?.ReadyReplicas, s.Status?.UpdatedReplicas);
        }

        foreach (var r in api.ReplicaSets.ListStored().Select(o => o.As<V1ReplicaSet>()).Where(r => !Optional(r.Spec?.Template, r.Spec?.Selector, refused)))
        {
            Check(missing, "replicaset", r.Metadata, r.Spec?.Replicas ?? 1, r.Status?.ObservedGeneration, r.Status?.Replicas, r.Status?.ReadyReplicas, r.Status?.Replicas);
        }

        waitingFor = string.Join(", ", missing.Take(10)) + (missing.Count > 10 ? $" and {missing.Count - 10} more" : "");
        return missing.Count == 0;
    }

    /// <summary>A pod whose requirement annotation the kubelet could not meet: every container waits with <see cref="PodRequirements.UnmetReason"/>.</summary>
    private static bool IsRefusedForRequirement(V1Pod pod) =>
        pod.Metadata.Annotations?.ContainsKey(PodRequirements.Annotation) == true
        && pod.Status?.ContainerStatuses is { Count: > 0 } statuses
        && statuses.All(c => c.State?.Waiting?.Reason == PodRequirements.UnmetReason);

    /// <summary>A workload whose pods carry the requirement annotation and at least one of them was refused here.</summary>
    private static bool Optional(V1PodTemplateSpec? template, V1LabelSelector? selector, List<V1Pod> refused) =>
        template?.Metadata?.Annotations?.ContainsKey(PodRequirements.Annotation) == true
        && selector?.MatchLabels is { Count: > 0 } labels
        && refused.Any(p => labels.All(l => p.Metadata.Labels?.TryGetValue(l.Key, out var v) == true && v == l.Value));

    private static void Check(List<string> missing, string kind, V1ObjectMeta metadata, int desired, long? observed, int? replicas, int? ready, int? updated)
    {
        if ((observed ?? 0) < (metadata.Generation ?? 0) || replicas != desired || (ready ?? 0) != desired || (updated ?? 0) != desired)
        {
            missing.Add($"{kind} {metadata.NamespaceProperty}/{metadata.Name} has {ready ?? 0}/{desired} ready");
        }
    }
}
