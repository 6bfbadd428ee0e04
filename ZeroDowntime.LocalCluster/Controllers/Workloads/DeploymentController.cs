using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Patching;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Workloads;

/// <summary>
/// Deployment → ReplicaSets, as kube-controller-manager's deployment controller: one ReplicaSet per
/// template revision (<c>name-HASH</c>, labelled <c>pod-template-hash</c>), RollingUpdate honouring
/// maxSurge/maxUnavailable and readiness (see <see cref="RolloutMath"/>), Recreate (old pods gone
/// before new ones start), <c>deployment.kubernetes.io/revision</c> annotations, paused, history
/// limit, and the status <c>kubectl rollout status</c> reads. progressDeadlineSeconds is not enforced.
/// </summary>
public sealed partial class DeploymentController : ReconcilingController
{
    /// <summary>The revision annotation on Deployments and ReplicaSets.</summary>
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    private const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    private const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";

    /// <summary>Creates the controller.</summary>
    public DeploymentController(ControllerSettings settings)
        : base(settings)
    {
    }

    /// <inheritdoc />
    public override string Name => "deployment-controller";

    /// <inheritdoc />
    protected override IEnumerable<WatchSource> Sources(ClusterApi api) =>
    [
        new(api.Deployments, e => [KeyOf(e)]),
        new(api.ReplicaSets, e => ReplicaSetController.OwnerKeys(api, e, "Deployment")),
        new(api.Pods, e => DeploymentKeysOfPod(api, e)),
    ];

    /// <inheritdoc />
    protected override IEnumerable<string> AllKeys(ClusterApi api) => api.Deployments.ListStored().Select(o => o.Key);

    /// <inheritdoc />
    protected override TimeSpan? Reconcile(ClusterApi api, string key)
    {
        var (ns, name) = SplitKey(key);
        var stored = api.Store.Get(api.Deployments.Type, ns, name);
        if (stored is null || stored.IsDeleting)
        {
            return null;
        }

        var deployment = stored.As<V1Deployment>();
        var template = stored.ToJsonObject().GetNode("spec", "template") as JsonObject ?? [];
        var hash = TemplateHash.Of(template);
        var sets = OwnedReplicaSets(api, stored.Uid);
        var newSet = sets.FirstOrDefault(s => s.Metadata.Label(TemplateHash.PodTemplateHashLabel) == hash);
        var oldSets = sets.Where(s => s != newSet).OrderBy(s => s.Metadata.CreationTimestamp).ThenBy(s => s.Metadata.Name).ToList();
        string? createdSet = null;

        if (deployment.Spec?.Paused != true)
        {
            var changed = deployment.Spec?.Strategy?.Type == "Recreate"
                ? RolloutRecreate(api, deployment, template, hash, ref newSet, oldSets, out createdSet)
                : RolloutRolling(api, deployment, template, hash, ref newSet, oldSets, out createdSet);
            if (changed)
            {
                // Our own writes come back as watch events; status is written once they settle.
                sets = OwnedReplicaSets(api, stored.Uid);
                newSet = sets.FirstOrDefault(s => s.Metadata.Label(TemplateHash.PodTemplateHashLabel) == hash);
                oldSets = sets.Where(s => s != newSet).ToList();
            }

            CleanupHistory(api, deployment, oldSets);
        }

        SyncRevision(api, deployment, newSet);
        WriteStatus(api, deployment, newSet, oldSets, createdSet);
        return null;
    }

    private bool RolloutRolling(ClusterApi api, V1Deployment deployment, JsonObject template, string hash, ref V1ReplicaSet? newSet,
        List<V1ReplicaSet> oldSets, out string? createdSet)
    {
        createdSet = null;
        var desired = deployment.Spec?.Replicas ?? 1;
        var rolling = deployment.Spec?.Strategy?.RollingUpdate;
        var (surge, unavailable) = RolloutMath.ResolveFenceposts(rolling?.MaxSurge, rolling?.MaxUnavailable, desired);
        var allSpec = oldSets.Sum(SpecReplicas) + (newSet is null ? 0 : SpecReplicas(newSet));
        var newSpec = newSet is null ? 0 : SpecReplicas(newSet);
        var target = newSpec > desired ? desired : RolloutMath.NewReplicaSetReplicas(desired, surge, newSpec, allSpec);
        if (newSet is null)
        {
            newSet = CreateReplicaSet(api, deployment, template, hash, target, NextRevision(oldSets), surge);
            createdSet = newSet.Metadata.Name;
            return true;
        }

        if (target != newSpec)
        {
            Scale(api, newSet, target, desired, desired + surge);
            return true;
        }

        var scaled = RolloutMath.ScaleDownOldReplicaSets(desired, unavailable, Counts(newSet), oldSets.Select(Counts).ToList());
        foreach (var (setName, replicas) in scaled)
        {
            Scale(api, oldSets.First(s => s.Metadata.Name == setName), replicas, desired, desired + surge);
        }

        return scaled.Count > 0;
    }

    private bool RolloutRecreate(ClusterApi api, V1Deployment deployment, JsonObject template, string hash, ref V1ReplicaSet? newSet,
        List<V1ReplicaSet> oldSets, out string? createdSet)
    {
        createdSet = null;
        var desired = deployment.Spec?.Replicas ?? 1;
        var changed = false;
        foreach (var old in oldSets.Where(s => SpecReplicas(s) > 0))
        {
            Scale(api, old, 0, desired, desired);
            changed = true;
        }

        // Recreate starts new pods only once every old pod (terminating ones included) is gone.
        if (changed || oldSets.Any(s => ReplicaSetController.OwnedPods(api, s.Metadata.Uid!).Any(p => !p.IsFinished())))
        {
            return changed;
        }

        if (newSet is null)
        {
            newSet = CreateReplicaSet(api, deployment, template, hash, desired, NextRevision(oldSets), 0);
            createdSet = newSet.Metadata.Name;
            return true;
        }

        if (SpecReplicas(newSet) != desired)
        {
            Scale(api, newSet, desired, desired, desired);
            return true;
        }

        return false;
    }

    private static V1ReplicaSet CreateReplicaSet(ClusterApi api, V1Deployment deployment, JsonObject template, string hash, int replicas,
        long revision, int surge)
    {
        var desired = deployment.Spec?.Replicas ?? 1;
        var podTemplate = template.DeepClone().AsObject();
        podTemplate.Ensure("metadata", "labels")[TemplateHash.PodTemplateHashLabel] = hash;
        var labels = podTemplate.GetNode("metadata", "labels")!.DeepClone();
        var selector = Typed.ToJsonObject(deployment.Spec?.Selector ?? new V1LabelSelector());
        selector.Ensure("matchLabels")[TemplateHash.PodTemplateHashLabel] = hash;
        var rs = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{deployment.Metadata.Name}-{hash}",
                ["namespace"] = deployment.Metadata.NamespaceProperty,
                ["labels"] = labels,
                ["annotations"] = new JsonObject
                {
                    [RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture),
                    [DesiredReplicasAnnotation] = desired.ToString(CultureInfo.InvariantCulture),
                    [MaxReplicasAnnotation] = (desired + surge).ToString(CultureInfo.InvariantCulture),
                },
                ["ownerReferences"] = new JsonArray(Typed.ToNode(Typed.ControllerRefTo(deployment))),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["minReadySeconds"] = deployment.Spec?.MinReadySeconds ?? 0,
                ["selector"] = selector,
                ["template"] = podTemplate,
            },
        };
        return api.ReplicaSets.Create(rs).As<V1ReplicaSet>();
    }

    private static void Scale(ClusterApi api, V1ReplicaSet set, int replicas, int desired, int max)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject
                {
                    [DesiredReplicasAnnotation] = desired.ToString(CultureInfo.InvariantCulture),
                    [MaxReplicasAnnotation] = max.ToString(CultureInfo.InvariantCulture),
                },
            },
            ["spec"] = new JsonObject { ["replicas"] = replicas },
        };
        api.ReplicaSets.Patch(set.Metadata.NamespaceProperty, set.Metadata.Name!, V1Patch.PatchType.MergePatch, patch);
    }

    private static List<V1ReplicaSet> OwnedReplicaSets(ClusterApi api, string uid) =>
        api.Store.DependentsOf(uid)
            .Where(o => ReferenceEquals(o.Type, api.ReplicaSets.Type))
            .Select(o => o.As<V1ReplicaSet>())
            .Where(s => s.IsControlledBy(uid) && s.Metadata.DeletionTimestamp is null)
            .ToList();

    private static IEnumerable<string> DeploymentKeysOfPod(ClusterApi api, ResourceEvent e)
    {
        // Pods carry no Deployment reference: go through their ReplicaSet (Recreate waits for pods to go).
        foreach (var rsKey in ReplicaSetController.OwnerKeys(api, e, "ReplicaSet"))
        {
            var (ns, name) = SplitKey(rsKey);
            var rs = api.Store.Get(api.ReplicaSets.Type, ns, name);
            if (rs is null)
            {
                continue;
            }

            foreach (var reference in (rs.ToJsonObject().GetNode("metadata", "ownerReferences") as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                if (reference.GetBool("controller") == true && reference.GetString("kind") == "Deployment")
                {
                    yield return StoredObject.KeyOf(ns, reference.GetString("name") ?? "");
                }
            }
        }
    }

    private static int SpecReplicas(V1ReplicaSet set) => set.Spec?.Replicas ?? 0;

    private static ReplicaSetCounts Counts(V1ReplicaSet set) => new(set.Metadata.Name!, SpecReplicas(set), set.Status?.AvailableReplicas ?? 0);

    private static long Revision(V1ReplicaSet set) =>
        long.TryParse(set.Metadata.Annotation(RevisionAnnotation), CultureInfo.InvariantCulture, out var r) ? r : 0;

    private static long NextRevision(IEnumerable<V1ReplicaSet> oldSets) => oldSets.Select(Revision).DefaultIfEmpty(0).Max() + 1;
}
