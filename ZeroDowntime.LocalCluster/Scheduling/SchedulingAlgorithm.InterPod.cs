using k8s.Models;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Scheduling;

public static partial class SchedulingAlgorithm
{
    private static string? InterPodAffinityReason(V1Pod pod, V1Node node, Dictionary<string, V1Node> nodes, IReadOnlyList<V1Pod> boundPods)
    {
        var others = boundPods.Where(p => p.Metadata.Uid != pod.Metadata.Uid && p.IsScheduled() && !p.IsFinished()).ToList();
        var affinity = pod.Spec?.Affinity;
        var required = affinity?.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? [];
        if (required.Count > 0)
        {
            var anyMatchInCluster = required.All(t => others.Any(p => TermMatches(t, pod, p)));
            var selfMatch = required.All(t => TermMatches(t, pod, pod));
            foreach (var term in required)
            {
                var satisfied = others.Any(p => TermMatches(term, pod, p) && SameDomain(term.TopologyKey, node, p, nodes));
                // The first pod of a group that selects itself may go anywhere that has the topology label.
                var firstOfGroup = !anyMatchInCluster && selfMatch && node.Metadata.LabelsOrEmpty().ContainsKey(term.TopologyKey);
                if (!satisfied && !firstOfGroup)
                {
                    return AffinityReason;
                }
            }
        }

        foreach (var term in affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? [])
        {
            if (others.Any(p => TermMatches(term, pod, p) && SameDomain(term.TopologyKey, node, p, nodes)))
            {
                return AntiAffinityReason;
            }
        }

        foreach (var existing in others)
        {
            foreach (var term in existing.Spec?.Affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? [])
            {
                if (TermMatches(term, existing, pod) && SameDomain(term.TopologyKey, node, existing, nodes))
                {
                    return ExistingAntiAffinityReason;
                }
            }
        }

        return null;
    }

    private static long PreferredAffinityScore(V1Pod pod, V1Node node, Dictionary<string, V1Node> nodes, IReadOnlyList<V1Pod> boundPods)
    {
        var affinity = pod.Spec?.Affinity;
        var others = boundPods.Where(p => p.Metadata.Uid != pod.Metadata.Uid && p.IsScheduled() && !p.IsFinished()).ToList();
        long score = 0;
        foreach (var weighted in affinity?.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? [])
        {
            score += weighted.Weight * others.Count(p => TermMatches(weighted.PodAffinityTerm, pod, p) && SameDomain(weighted.PodAffinityTerm.TopologyKey, node, p, nodes));
        }

        foreach (var weighted in affinity?.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? [])
        {
            score -= weighted.Weight * others.Count(p => TermMatches(weighted.PodAffinityTerm, pod, p) && SameDomain(weighted.PodAffinityTerm.TopologyKey, node, p, nodes));
        }

        return score;
    }

    /// <summary>True when <paramref name="candidate"/> is selected by <paramref name="term"/> of <paramref name="termOwner"/>.</summary>
    private static bool TermMatches(V1PodAffinityTerm term, V1Pod termOwner, V1Pod candidate)
    {
        var namespaces = term.Namespaces is { Count: > 0 } listed ? listed : null;
        var allNamespaces = namespaces is null && term.NamespaceSelector is { } ns && (ns.MatchLabels?.Count ?? 0) == 0 && (ns.MatchExpressions?.Count ?? 0) == 0;
        var candidateNamespace = candidate.Metadata.NamespaceProperty ?? "default";
        if (!allNamespaces && !(namespaces ?? [termOwner.Metadata.NamespaceProperty ?? "default"]).Contains(candidateNamespace))
        {
            return false;
        }

        var matcher = term.LabelSelector.ToMatcher();
        return matcher is not null && matcher.Matches(candidate.Metadata.LabelsOrEmpty());
    }

    private static bool SameDomain(string topologyKey, V1Node node, V1Pod other, Dictionary<string, V1Node> nodes)
    {
        if (!node.Metadata.LabelsOrEmpty().TryGetValue(topologyKey, out var value)
            || !nodes.TryGetValue(other.Spec?.NodeName ?? "", out var otherNode))
        {
            return false;
        }

        return otherNode.Metadata.LabelsOrEmpty().TryGetValue(topologyKey, out var otherValue) && otherValue == value;
    }
}
