using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Patching;

namespace ZeroDowntime.LocalCluster.Controllers.Workloads;

public sealed partial class DeploymentController
{
    private static void SyncRevision(ClusterApi api, V1Deployment deployment, V1ReplicaSet? newSet)
    {
        if (newSet is null)
        {
            return;
        }

        var revision = Revision(newSet);
        var maxOld = OwnedReplicaSets(api, deployment.Metadata.Uid!).Where(s => s.Metadata.Uid != newSet.Metadata.Uid).Select(Revision).DefaultIfEmpty(0).Max();
        if (revision <= maxOld)
        {
            // A rollback to an earlier template: that ReplicaSet becomes the newest revision.
            revision = maxOld + 1;
            api.ReplicaSets.Patch(newSet.Metadata.NamespaceProperty, newSet.Metadata.Name!, V1Patch.PatchType.MergePatch, AnnotationPatch(revision));
        }

        if (deployment.Metadata.Annotation(RevisionAnnotation) != revision.ToString(CultureInfo.InvariantCulture))
        {
            api.Deployments.Patch(deployment.Metadata.NamespaceProperty, deployment.Metadata.Name!, V1Patch.PatchType.MergePatch, AnnotationPatch(revision));
        }
    }

    private static JsonObject AnnotationPatch(long revision) => new()
    {
        ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture) } },
    };

    private static void CleanupHistory(ClusterApi api, V1Deployment deployment, List<V1ReplicaSet> oldSets)
    {
        var limit = deployment.Spec?.RevisionHistoryLimit ?? 10;
        var idle = oldSets.Where(s => SpecReplicas(s) == 0 && (s.Status?.Replicas ?? 0) == 0).OrderBy(Revision).ToList();
        foreach (var set in idle.Take(Math.Max(0, idle.Count - limit)))
        {
            try
            {
                api.ReplicaSets.Delete(set.Metadata.NamespaceProperty, set.Metadata.Name!,
                    new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = set.Metadata.Uid } });
            }
            catch (Storage.ApiException e) when (e.Code is 404 or 409)
            {
                // Already gone.
            }
        }
    }

    private static void WriteStatus(ClusterApi api, V1Deployment deployment, V1ReplicaSet? newSet, List<V1ReplicaSet> oldSets, string? createdSet)
    {
        var all = oldSets.Concat(newSet is null ? [] : [newSet]).ToList();
        var desired = deployment.Spec?.Replicas ?? 1;
        var available = all.Sum(s => s.Status?.AvailableReplicas ?? 0);
        var previous = deployment.Status ?? new V1DeploymentStatus();
        var status = new V1DeploymentStatus
        {
            ObservedGeneration = deployment.Metadata.Generation,
            Replicas = all.Sum(s => s.Status?.Replicas ?? 0),
            UpdatedReplicas = newSet?.Status?.Replicas ?? 0,
            ReadyReplicas = all.Sum(s => s.Status?.ReadyReplicas ?? 0),
            AvailableReplicas = available,
            UnavailableReplicas = Math.Max(0, all.Sum(SpecReplicas) - available),
            TerminatingReplicas = previous.TerminatingReplicas,
            CollisionCount = previous.CollisionCount,
        };
        var now = Typed.Now(api.Time);
        var conditions = (previous.Conditions ?? []).ToList();
        var maxUnavailable = deployment.Spec?.Strategy?.Type == "Recreate" ? 0
            : RolloutMath.ResolveFenceposts(deployment.Spec?.Strategy?.RollingUpdate?.MaxSurge, deployment.Spec?.Strategy?.RollingUpdate?.MaxUnavailable, desired).MaxUnavailable;
        SetCondition(conditions, available >= desired - maxUnavailable
            ? Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now)
            : Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now));

        var setName = newSet?.Metadata.Name ?? "";
        var complete = status.UpdatedReplicas == desired && status.Replicas == desired && status.AvailableReplicas == desired;
        var progressed = status.UpdatedReplicas != previous.UpdatedReplicas || status.ReadyReplicas != previous.ReadyReplicas
            || status.AvailableReplicas != previous.AvailableReplicas || status.Replicas != previous.Replicas;
        if (deployment.Spec?.Paused == true)
        {
            SetCondition(conditions, Condition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now));
        }
        else if (createdSet is not null)
        {
            SetCondition(conditions, Condition("Progressing", "True", "NewReplicaSetCreated", $"Created new replica set \"{createdSet}\"", now));
        }
        else if (complete && newSet is not null)
        {
            SetCondition(conditions, Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{setName}\" has successfully progressed.", now));
        }
        else if (progressed || conditions.All(c => c.Type != "Progressing") || conditions.First(c => c.Type == "Progressing").Reason == "DeploymentPaused")
        {
            SetCondition(conditions, Condition("Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{setName}\" is progressing.", now));
        }

        status.Conditions = conditions.OrderBy(c => c.Type == "Available" ? 0 : 1).ToList();
        api.Deployments.Mutate(deployment.Metadata.NamespaceProperty, deployment.Metadata.Name!, o => Typed.Overlay(o.Ensure("status"), status), status: true);
    }

    private static V1DeploymentCondition Condition(string type, string status, string reason, string message, DateTimeOffset now) =>
        new() { Type = type, Status = status, Reason = reason, Message = message, LastUpdateTime = now.UtcDateTime, LastTransitionTime = now.UtcDateTime };

    /// <summary>Replaces a condition, keeping its times when nothing changed and its transition time when only the reason did.</summary>
    private static void SetCondition(List<V1DeploymentCondition> conditions, V1DeploymentCondition next)
    {
        var index = conditions.FindIndex(c => c.Type == next.Type);
        if (index < 0)
        {
            conditions.Add(next);
            return;
        }

        var current = conditions[index];
        if (current.Status == next.Status && current.Reason == next.Reason && current.Message == next.Message)
        {
            return;
        }

        if (current.Status == next.Status)
        {
            next.LastTransitionTime = current.LastTransitionTime;
        }

        conditions[index] = next;
    }
}
