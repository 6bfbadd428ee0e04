using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Workloads;

/// <summary>
/// StatefulSet → pods <c>name-0..n-1</c> following <see cref="StatefulSetPlanner"/>: stable names,
/// OrderedReady (or Parallel) management, recreation with the same name and a new uid once the old
/// pod is gone, RollingUpdate from the highest ordinal honouring the partition, and the status
/// <c>kubectl rollout status</c> reads. Revisions are <c>name-HASH</c> of the template; no
/// ControllerRevision objects are kept, so a recreated pod always gets the current template.
/// volumeClaimTemplates are ignored (the local cluster has no volumes).
/// </summary>
public sealed class StatefulSetController : ReconcilingController
{
    private const string PodNameLabel = "statefulset.kubernetes.io/pod-name";
    private const string PodIndexLabel = "apps.kubernetes.io/pod-index";

    /// <summary>Creates the controller.</summary>
    public StatefulSetController(ControllerSettings settings)
        : base(settings)
    {
    }

    /// <inheritdoc />
    public override string Name => "statefulset-controller";

    /// <inheritdoc />
    protected override IEnumerable<WatchSource> Sources(ClusterApi api) =>
    [
        new(api.StatefulSets, e => [KeyOf(e)]),
        new(api.Pods, e => ReplicaSetController.OwnerKeys(api, e, "StatefulSet")),
    ];

    /// <inheritdoc />
    protected override IEnumerable<string> AllKeys(ClusterApi api) => api.StatefulSets.ListStored().Select(o => o.Key);

    /// <inheritdoc />
    protected override TimeSpan? Reconcile(ClusterApi api, string key)
    {
        var (ns, name) = SplitKey(key);
        var stored = api.Store.Get(api.StatefulSets.Type, ns, name);
        if (stored is null || stored.IsDeleting)
        {
            return null;
        }

        var set = stored.As<V1StatefulSet>();
        var template = stored.ToJsonObject().GetNode("spec", "template") as JsonObject ?? [];
        var updateRevision = $"{name}-{TemplateHash.Of(template)}";
        var replicas = set.Spec?.Replicas ?? 1;
        var pods = OwnedByOrdinal(api, set);
        var states = pods.Select(p => new StatefulPodState(p.Key, RevisionOf(p.Value), p.Value.IsTerminating(), p.Value.IsRunningAndReady(),
            p.Value.IsFinished())).ToList();
        var strategy = set.Spec?.UpdateStrategy;
        var actions = StatefulSetPlanner.Plan(replicas, set.Spec?.PodManagementPolicy, strategy?.RollingUpdate?.Partition ?? 0, updateRevision,
            states, rollingUpdate: strategy?.Type is null or "RollingUpdate");
        foreach (var action in actions)
        {
            if (action.Kind == StatefulSetActionKind.Create)
            {
                api.Pods.Create(NewPod(set, template, action.Ordinal, updateRevision));
            }
            else
            {
                ReplicaSetController.DeleteIgnoringMissing(api, pods[action.Ordinal]);
            }
        }

        WriteStatus(api, set, OwnedByOrdinal(api, set).Values.ToList(), updateRevision);
        return null;
    }

    private static Dictionary<int, V1Pod> OwnedByOrdinal(ClusterApi api, V1StatefulSet set)
    {
        var result = new Dictionary<int, V1Pod>();
        var prefix = set.Metadata.Name + "-";
        foreach (var pod in ReplicaSetController.OwnedPods(api, set.Metadata.Uid!))
        {
            var podName = pod.Metadata.Name ?? "";
            if (podName.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(podName.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
            {
                result[ordinal] = pod;
            }
        }

        return result;
    }

    private static string RevisionOf(V1Pod pod) => pod.Metadata.Label(TemplateHash.ControllerRevisionHashLabel) ?? "";

    private static JsonObject NewPod(V1StatefulSet set, JsonObject template, int ordinal, string revision)
    {
        var name = $"{set.Metadata.Name}-{ordinal.ToString(CultureInfo.InvariantCulture)}";
        var pod = ReplicaSetController.PodFromTemplate(template, set, "", name);
        var labels = pod.Ensure("metadata", "labels");
        labels[TemplateHash.ControllerRevisionHashLabel] = revision;
        labels[PodNameLabel] = name;
        labels[PodIndexLabel] = ordinal.ToString(CultureInfo.InvariantCulture);
        var spec = pod.Ensure("spec");
        spec["hostname"] = name;
        if (!string.IsNullOrEmpty(set.Spec?.ServiceName))
        {
            spec["subdomain"] = set.Spec.ServiceName;
        }

        return pod;
    }

    private static void WriteStatus(ClusterApi api, V1StatefulSet set, List<V1Pod> pods, string updateRevision)
    {
        var replicas = set.Spec?.Replicas ?? 1;
        var previous = set.Status ?? new V1StatefulSetStatus();
        var currentRevision = string.IsNullOrEmpty(previous.CurrentRevision) ? updateRevision : previous.CurrentRevision;
        var existing = pods.Where(p => !p.IsFinished()).ToList();
        var ready = existing.Count(p => p.IsRunningAndReady());
        var updated = existing.Count(p => RevisionOf(p) == updateRevision);
        var current = existing.Count(p => RevisionOf(p) == currentRevision);
        if (updated == replicas && ready == replicas && existing.Count == replicas)
        {
            // The rollout is complete: the update revision becomes current.
            currentRevision = updateRevision;
            current = updated;
        }

        var minReady = set.Spec?.MinReadySeconds ?? 0;
        var now = api.Time.GetUtcNow();
        var status = new V1StatefulSetStatus
        {
            ObservedGeneration = set.Metadata.Generation,
            Replicas = existing.Count,
            ReadyReplicas = ready,
            AvailableReplicas = existing.Count(p => p.IsRunningAndReady() && p.IsAvailable(minReady, now)),
            CurrentReplicas = current,
            UpdatedReplicas = updated,
            CurrentRevision = currentRevision,
            UpdateRevision = updateRevision,
            CollisionCount = previous.CollisionCount ?? 0,
            Conditions = previous.Conditions,
        };
        api.StatefulSets.Mutate(set.Metadata.NamespaceProperty, set.Metadata.Name!, o => Typed.Overlay(o.Ensure("status"), status), status: true);
    }
}
