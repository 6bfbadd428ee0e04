using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Lifecycle;

namespace ZeroDowntime.LocalCluster.Controllers;

/// <summary>
/// Ready when every running pod is Ready (finished Job pods aside) and every Deployment,
/// StatefulSet and ReplicaSet has observed its spec and has exactly spec.replicas pods, all Ready —
/// so <c>up</c> does not print <c>ready</c> before the controllers have even created the pods.
/// </summary>
public sealed class WorkloadsReadyRule : IReadinessRule
{
    /// <inheritdoc />
    public bool IsReady(ClusterApi api, out string waitingFor)
    {
        var missing = new List<string>();
        foreach (var pod in api.Pods.ListStored().Select(o => o.As<V1Pod>()).Where(p => !p.IsFinished() && !p.IsReady()))
        {
            missing.Add($"pod {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} not Ready");
        }

        foreach (var d in api.Deployments.ListStored().Select(o => o.As<V1Deployment>()))
        {
            Check(missing, "deployment", d.Metadata, d.Spec?.Replicas ?? 1, d.Status?.ObservedGeneration, d.Status?.Replicas, d.Status?.ReadyReplicas, d.Status?.UpdatedReplicas);
        }

        foreach (var s in api.StatefulSets.ListStored().Select(o => o.As<V1StatefulSet>()))
        {
            Check(missing, "statefulset", s.Metadata, s.Spec?.Replicas ?? 1, s.Status?.ObservedGeneration, s.Status?.Replicas, s.Status?.ReadyReplicas, s.Status?.UpdatedReplicas);
        }

        foreach (var r in api.ReplicaSets.ListStored().Select(o => o.As<V1ReplicaSet>()))
        {
            Check(missing, "replicaset", r.Metadata, r.Spec?.Replicas ?? 1, r.Status?.ObservedGeneration, r.Status?.Replicas, r.Status?.ReadyReplicas, r.Status?.Replicas);
        }

        waitingFor = string.Join(", ", missing.Take(10)) + (missing.Count > 10 ? $" and {missing.Count - 10} more" : "");
        return missing.Count == 0;
    }

    private static void Check(List<string> missing, string kind, V1ObjectMeta metadata, int desired, long? observed, int? replicas, int? ready, int? updated)
    {
        if ((observed ?? 0) < (metadata.Generation ?? 0) || replicas != desired || (ready ?? 0) != desired || (updated ?? 0) != desired)
        {
            missing.Add($"{kind} {metadata.NamespaceProperty}/{metadata.Name} has {ready ?? 0}/{desired} ready");
        }
    }
}
