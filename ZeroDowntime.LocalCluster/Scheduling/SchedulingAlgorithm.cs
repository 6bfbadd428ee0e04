using k8s.Models;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Scheduling;

/// <summary>
/// kube-scheduler's decision for one pod as a pure function. Filters, in the default plugin order
/// (each node is rejected for the first reason that applies): NodeUnschedulable (cordon), node
/// Ready, TaintToleration (NoSchedule/NoExecute), NodeAffinity (nodeSelector and required node
/// affinity), InterPodAffinity (required affinity, required anti-affinity, and existing pods'
/// required anti-affinity, on any topologyKey). Among feasible nodes the choice is, in order: the
/// highest preferred (anti-)affinity score, the fewest untolerated PreferNoSchedule taints, the
/// fewest pods of the same controller, the fewest pods, then the node name.
/// Resources (requests vs allocatable), host ports and topology spread constraints are not checked.
/// </summary>
/// <example><code>
/// var result = SchedulingAlgorithm.Schedule(pod, nodes, podsOnNodes);
/// // result.NodeName == "zd-node-2", or result.Message == "0/4 nodes are available: 4 node(s) were unschedulable."
/// </code></example>
public static partial class SchedulingAlgorithm
{
    /// <summary>Reason for a cordoned node.</summary>
    public const string UnschedulableReason = "node(s) were unschedulable";

    /// <summary>Reason for a nodeSelector / node affinity mismatch.</summary>
    public const string NodeAffinityReason = "node(s) didn't match Pod's node affinity/selector";

    /// <summary>Reason for a failed required pod affinity.</summary>
    public const string AffinityReason = "node(s) didn't match pod affinity rules";

    /// <summary>Reason for a failed required pod anti-affinity.</summary>
    public const string AntiAffinityReason = "node(s) didn't match pod anti-affinity rules";

    /// <summary>Reason for an existing pod's anti-affinity against the incoming pod.</summary>
    public const string ExistingAntiAffinityReason = "node(s) didn't satisfy existing pods anti-affinity rules";

    /// <summary>Chooses a node for <paramref name="pod"/> among <paramref name="nodes"/>, given the pods already bound.</summary>
    public static SchedulingResult Schedule(V1Pod pod, IReadOnlyList<V1Node> nodes, IReadOnlyList<V1Pod> boundPods)
    {
        if (nodes.Count == 0)
        {
            return new SchedulingResult(null, "no nodes available to schedule pods");
        }

        var podsByNode = boundPods.Where(p => p.IsScheduled() && !p.IsFinished()).ToLookup(p => p.Spec!.NodeName!);
        var nodesByName = nodes.ToDictionary(n => n.Metadata.Name ?? "");
        var failures = new Dictionary<string, int>();
        var feasible = new List<V1Node>();
        foreach (var node in nodes)
        {
            var reason = FilterReason(pod, node, nodesByName, boundPods);
            if (reason is null)
            {
                feasible.Add(node);
            }
            else
            {
                failures[reason] = failures.GetValueOrDefault(reason) + 1;
            }
        }

        if (feasible.Count == 0)
        {
            var reasons = failures.Select(f => $"{f.Value} {f.Key}").Order(StringComparer.Ordinal);
            return new SchedulingResult(null, $"0/{nodes.Count} nodes are available: {string.Join(", ", reasons)}.");
        }

        var owner = pod.Metadata.ControllerRef()?.Uid;
        var best = feasible
            .OrderByDescending(n => PreferredAffinityScore(pod, n, nodesByName, boundPods))
            .ThenBy(n => UntoleratedTaints(pod, n, "PreferNoSchedule").Count())
            .ThenBy(n => owner is null ? 0 : podsByNode[n.Metadata.Name!].Count(p => p.Metadata.ControllerRef()?.Uid == owner))
            .ThenBy(n => podsByNode[n.Metadata.Name!].Count())
            .ThenBy(n => n.Metadata.Name, NodeNameComparer.Instance)
            .First();
        return new SchedulingResult(best.Metadata.Name, null);
    }

    private static string? FilterReason(V1Pod pod, V1Node node, Dictionary<string, V1Node> nodes, IReadOnlyList<V1Pod> boundPods)
    {
        var tolerations = pod.Spec?.Tolerations ?? [];
        if (node.Spec?.Unschedulable == true
            && !tolerations.Any(t => Tolerates(t, new V1Taint { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" })))
        {
            return UnschedulableReason;
        }

        if (node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status != "True"
            && !tolerations.Any(t => Tolerates(t, new V1Taint { Key = "node.kubernetes.io/not-ready", Effect = "NoSchedule" })))
        {
            return "node(s) had untolerated taint {node.kubernetes.io/not-ready: }";
        }

        var taint = UntoleratedTaints(pod, node, "NoSchedule", "NoExecute").FirstOrDefault();
        if (taint is not null)
        {
            return $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}";
        }

        if (!MatchesNodeSelector(pod, node))
        {
            return NodeAffinityReason;
        }

        return InterPodAffinityReason(pod, node, nodes, boundPods);
    }

    private static IEnumerable<V1Taint> UntoleratedTaints(V1Pod pod, V1Node node, params string[] effects) =>
        (node.Spec?.Taints ?? []).Where(t => effects.Contains(t.Effect) && !(pod.Spec?.Tolerations ?? []).Any(tol => Tolerates(tol, t)));

    /// <summary>True when <paramref name="toleration"/> tolerates <paramref name="taint"/> (v1.Toleration.ToleratesTaint).</summary>
    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }

        return toleration.OperatorProperty switch
        {
            "Exists" => true,
            "Equal" or "" or null => string.IsNullOrEmpty(toleration.Key) ? false : (toleration.Value ?? "") == (taint.Value ?? ""),
            _ => false,
        };
    }

    private static bool MatchesNodeSelector(V1Pod pod, V1Node node)
    {
        var labels = node.Metadata.LabelsOrEmpty();
        if (pod.Spec?.NodeSelector is { } selector && selector.Any(s => !labels.TryGetValue(s.Key, out var v) || v != s.Value))
        {
            return false;
        }

        var terms = pod.Spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms;
        return terms is null || terms.Count == 0 || terms.Any(term => MatchesTerm(term, node));
    }

    private static bool MatchesTerm(V1NodeSelectorTerm term, V1Node node)
    {
        var labels = node.Metadata.LabelsOrEmpty();
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
        {
            return false;
        }

        return expressions.All(e => MatchesRequirement(e, labels.TryGetValue(e.Key, out var v) ? v : null))
            && fields.All(f => MatchesRequirement(f, f.Key == "metadata.name" ? node.Metadata.Name : null));
    }

    private static bool MatchesRequirement(V1NodeSelectorRequirement requirement, string? value) => requirement.OperatorProperty switch
    {
        "In" => value is not null && (requirement.Values ?? []).Contains(value),
        "NotIn" => value is null || !(requirement.Values ?? []).Contains(value),
        "Exists" => value is not null,
        "DoesNotExist" => value is null,
        "Gt" => long.TryParse(value, out var gt) && long.TryParse(requirement.Values?.FirstOrDefault(), out var limit) && gt > limit,
        "Lt" => long.TryParse(value, out var lt) && long.TryParse(requirement.Values?.FirstOrDefault(), out var max) && lt < max,
        _ => false,
    };
}
