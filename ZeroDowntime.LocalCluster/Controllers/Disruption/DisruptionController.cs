using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Disruption;

/// <summary>
/// Keeps every PodDisruptionBudget's status current (<see cref="PdbStatusCalculator"/>) as pods,
/// budgets and workload scales change. Each status is computed and written under the store lock
/// from the budget's latest disruptedPods, so it never erases an eviction that just happened.
/// expectedPods for percentages and maxUnavailable comes from the pods' controllers:
/// ReplicaSet (or its Deployment), StatefulSet, or any owner with a scale subresource; pods
/// without a controller are ignored, as Kubernetes does.
/// </summary>
public sealed class DisruptionController : ReconcilingController
{
    /// <summary>Creates the controller.</summary>
    public DisruptionController(ControllerSettings settings)
        : base(settings)
    {
    }

    /// <inheritdoc />
    public override string Name => "disruption-controller";

    /// <inheritdoc />
    protected override IEnumerable<WatchSource> Sources(ClusterApi api) =>
    [
        new(api.PodDisruptionBudgets, e => [KeyOf(e)]),
        new(api.Pods, e => BudgetsInNamespace(api, e.Namespace, e.Stored.Labels)),
        new(api.Deployments, e => BudgetsInNamespace(api, e.Namespace, null)),
        new(api.StatefulSets, e => BudgetsInNamespace(api, e.Namespace, null)),
        new(api.ReplicaSets, e => BudgetsInNamespace(api, e.Namespace, null)),
    ];

    /// <inheritdoc />
    protected override IEnumerable<string> AllKeys(ClusterApi api) => api.PodDisruptionBudgets.ListStored().Select(o => o.Key);

    /// <inheritdoc />
    protected override TimeSpan? Reconcile(ClusterApi api, string key)
    {
        var (ns, name) = SplitKey(key);
        TimeSpan? recheck = null;
        lock (api.Store.SyncRoot)
        {
            if (api.Store.Get(api.PodDisruptionBudgets.Type, ns, name) is null)
            {
                return null;
            }

            api.PodDisruptionBudgets.Mutate(ns, name, obj =>
            {
                var pdb = obj.As<V1PodDisruptionBudget>();
                var now = Typed.Now(api.Time);
                var pods = MatchingPods(api, pdb);
                V1PodDisruptionBudgetStatus status;
                try
                {
                    var scale = PdbStatusCalculator.NeedsControllerScale(pdb.Spec) ? ControllersScale(api, pods) : 0;
                    var result = PdbStatusCalculator.Calculate(pdb, pods, scale, api.Time.GetUtcNow());
                    status = result.Status;
                    recheck = result.RecheckAfter;
                }
                catch (InvalidOperationException e)
                {
                    status = PdbStatusCalculator.SyncFailed(pdb, e.Message, now);
                }

                Typed.Overlay(obj.Ensure("status"), status);
            }, status: true);
        }

        return recheck;
    }

    /// <summary>Pods in the budget's namespace its selector matches (policy/v1: an empty selector matches all, a missing one none).</summary>
    internal static List<V1Pod> MatchingPods(ClusterApi api, V1PodDisruptionBudget pdb)
    {
        var selector = pdb.Spec?.Selector.ToMatcher();
        return selector is null ? [] : api.Pods.ListStored(pdb.Metadata.NamespaceProperty).Where(o => selector.Matches(o.Labels)).Select(o => o.As<V1Pod>()).ToList();
    }

    /// <summary>Sum of spec.replicas over the pods' distinct controllers.</summary>
    /// <exception cref="InvalidOperationException">A controller cannot be found or has no scale.</exception>
    internal static int ControllersScale(ClusterApi api, IEnumerable<V1Pod> pods)
    {
        var seen = new Dictionary<string, int>();
        foreach (var pod in pods)
        {
            if (pod.Metadata.ControllerRef() is not { } owner || seen.ContainsKey(owner.Uid))
            {
                continue;
            }

            var ownerObject = api.Store.GetByUid(owner.Uid)?.ToJsonObject()
                ?? throw new InvalidOperationException($"found no controllers for pod \"{pod.Metadata.Name}\"");
            if (owner.Kind == "ReplicaSet" && ControllerOf(ownerObject) is { Kind: "Deployment" } deploymentRef
                && api.Store.GetByUid(deploymentRef.Uid) is { } deployment)
            {
                seen[owner.Uid] = 0;
                seen.TryAdd(deploymentRef.Uid, (int)(deployment.ToJsonObject().GetInt64("spec", "replicas") ?? 1));
                continue;
            }

            seen[owner.Uid] = (int)(ownerObject.GetInt64("spec", "replicas")
                ?? throw new InvalidOperationException($"{owner.Kind} \"{owner.Name}\" has no scale"));
        }

        return seen.Values.Sum();
    }

    private static V1OwnerReference? ControllerOf(JsonObject obj) =>
        obj.GetNode("metadata") is JsonObject metadata ? metadata.As<V1ObjectMeta>().ControllerRef() : null;

    private static IEnumerable<string> BudgetsInNamespace(ClusterApi api, string? ns, IReadOnlyDictionary<string, string>? podLabels)
    {
        foreach (var stored in api.PodDisruptionBudgets.ListStored(ns))
        {
            if (podLabels is null)
            {
                yield return stored.Key;
                continue;
            }

            var selector = LabelSelectorOf(stored);
            if (selector is not null && selector.Matches(podLabels))
            {
                yield return stored.Key;
            }
        }
    }

    private static LabelSelectorMatcher? LabelSelectorOf(StoredObject pdb) =>
        LabelSelectorMatcher.FromJson(pdb.ToJsonObject().GetNode("spec", "selector") as JsonObject);
}
