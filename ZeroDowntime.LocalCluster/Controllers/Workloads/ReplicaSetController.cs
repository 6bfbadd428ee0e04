using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Workloads;

/// <summary>
/// Keeps each ReplicaSet's active pods (not finished, not terminating) at spec.replicas: creates
/// pods from the template with a controller ownerReference, deletes surplus pods
/// (unscheduled, then pending, then not-ready, then the newest first) and replaces pods that go
/// away. Status: replicas, fullyLabeledReplicas, readyReplicas, availableReplicas (minReadySeconds),
/// observedGeneration. Orphaned pods that match the selector are not adopted.
/// </summary>
public sealed class ReplicaSetController : ReconcilingController
{
    private const int BurstReplicas = 500;

    /// <summary>Creates the controller.</summary>
    public ReplicaSetController(ControllerSettings settings)
        : base(settings)
    {
    }

    /// <inheritdoc />
    public override string Name => "replicaset-controller";

    /// <inheritdoc />
    protected override IEnumerable<WatchSource> Sources(ClusterApi api) =>
    [
        new(api.ReplicaSets, e => [KeyOf(e)]),
        new(api.Pods, e => OwnerKeys(api, e, "ReplicaSet")),
    ];

    /// <inheritdoc />
    protected override IEnumerable<string> AllKeys(ClusterApi api) => api.ReplicaSets.ListStored().Select(o => o.Key);

    /// <inheritdoc />
    protected override TimeSpan? Reconcile(ClusterApi api, string key)
    {
        var (ns, name) = SplitKey(key);
        var stored = api.Store.Get(api.ReplicaSets.Type, ns, name);
        if (stored is null || stored.IsDeleting)
        {
            return null;
        }

        var rs = stored.As<V1ReplicaSet>();
        var pods = OwnedPods(api, stored.Uid).Where(p => !p.IsTerminating() && !p.IsFinished()).ToList();
        var desired = rs.Spec?.Replicas ?? 1;
        var diff = pods.Count - desired;
        if (diff < 0)
        {
            var template = stored.ToJsonObject().GetNode("spec", "template") as JsonObject ?? [];
            for (var i = 0; i < Math.Min(-diff, BurstReplicas); i++)
            {
                api.Pods.Create(PodFromTemplate(template, rs, $"{name}-"));
            }
        }
        else if (diff > 0)
        {
            foreach (var pod in pods.OrderBy(p => p, DeletionPreference.Instance).Take(diff))
            {
                DeleteIgnoringMissing(api, pod);
            }
        }

        pods = OwnedPods(api, stored.Uid).Where(p => p.IsActive()).ToList();
        var now = api.Time.GetUtcNow();
        var minReady = rs.Spec?.MinReadySeconds ?? 0;
        var templateLabels = rs.Spec?.Template?.Metadata?.Labels ?? new Dictionary<string, string>();

        // rs is this pass's own copy: its status becomes the new one, and fields we do not compute carry over.
        var status = rs.Status ?? new V1ReplicaSetStatus();
        status.Replicas = pods.Count;
        status.FullyLabeledReplicas = pods.Count(p => templateLabels.All(l => p.Metadata.LabelsOrEmpty().TryGetValue(l.Key, out var v) && v == l.Value));
        status.ReadyReplicas = pods.Count(p => p.IsReady());
        status.AvailableReplicas = pods.Count(p => p.IsAvailable(minReady, now));
        status.ObservedGeneration = rs.Metadata.Generation;
        api.ReplicaSets.Mutate(ns, name, o => Typed.Overlay(o.Ensure("status"), status), status: true);
        return pods.Select(p => p.UntilAvailable(minReady, now)).Where(t => t is not null).Min();
    }

    /// <summary>A pod for <paramref name="owner"/> built from <paramref name="template"/> (the template JSON is kept whole).</summary>
    internal static JsonObject PodFromTemplate(JsonObject template, IKubernetesObject<V1ObjectMeta> owner, string generateName, string? name = null)
    {
        var metadata = template["metadata"]?.DeepClone() as JsonObject ?? [];
        metadata.Remove("name");
        metadata.Remove("creationTimestamp");
        if (name is null)
        {
            metadata["generateName"] = generateName;
        }
        else
        {
            metadata["name"] = name;
        }

        metadata["namespace"] = owner.Metadata.NamespaceProperty;
        metadata["ownerReferences"] = new JsonArray(Typed.ToNode(Typed.ControllerRefTo(owner)));
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>The pods whose controller is the object with <paramref name="ownerUid"/>.</summary>
    internal static List<V1Pod> OwnedPods(ClusterApi api, string ownerUid) =>
        api.Store.DependentsOf(ownerUid)
            .Where(o => ReferenceEquals(o.Type, api.Pods.Type))
            .Select(o => o.As<V1Pod>())
            .Where(p => p.IsControlledBy(ownerUid))
            .ToList();

    /// <summary>Keys of a pod's controller when it is a <paramref name="ownerKind"/>.</summary>
    internal static IEnumerable<string> OwnerKeys(ClusterApi api, ResourceEvent e, string ownerKind)
    {
        var owner = e.Object.GetNode("metadata", "ownerReferences") as JsonArray;
        foreach (var reference in owner?.OfType<JsonObject>() ?? [])
        {
            if (reference.GetBool("controller") == true && reference.GetString("kind") == ownerKind)
            {
                yield return StoredObject.KeyOf(e.Namespace, reference.GetString("name") ?? "");
            }
        }
    }

    /// <summary>Deletes a pod gracefully, ignoring one that is already gone or replaced.</summary>
    internal static void DeleteIgnoringMissing(ClusterApi api, V1Pod pod)
    {
        try
        {
            api.Pods.Delete(pod.Metadata.NamespaceProperty, pod.Metadata.Name!,
                new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = pod.Metadata.Uid } });
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Someone else removed or replaced it first.
        }
    }
}
