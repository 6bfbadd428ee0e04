using ZeroDowntime.Kubernetes.Legacy.Models;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Scheduling;

public static partial class SchedulingAlgorithm
{
    private static string? InterPodAffinityReason(Pod pod, Node node, Dictionary<string, Node> nodes, IReadOnlyList<Pod> boundPods)
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

    private static long PreferredAffinityScore(Pod pod, Node node, Dictionary<string, Node> nodes, IReadOnlyList<Pod> boundPods)
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
    private static bool TermMatches(PodAffinityTerm term, Pod termOwner, Pod candidate)
    {
        var namespaces = term.Namespaces is { Count: > 0 } listed ? listed : null;
        var allNamespaces = namespaces is null && term.NamespaceSelector is { } ns && (ns.MatchLabels?.Count ?? 0) == 0 && (ns.MatchExpressions?.Count ?? 0) == 0;
        var candidateNamespace = candidate.Metadata.Namespace ?? "default";
        if (!allNamespaces && !(namespaces ?? [termOwner.Metadata.Namespace ?? "default"]).Contains(candidateNamespace))
        {
            return false;
        }

        var matcher = term.LabelSelector.ToMatcher();
        return matcher is not null && matcher.Matches(candidate.Metadata.LabelsOrEmpty());
    }

    private static bool SameDomain(string topologyKey, Node node, Pod other, Dictionary<string, Node> nodes)
    {
        if (!node.Metadata.LabelsOrEmpty().TryGetValue(topologyKey, out var value)
            || !nodes.TryGetValue(other.Spec?.NodeName ?? "", out var otherNode))
        {
            return false;
        }

        return otherNode.Metadata.LabelsOrEmpty().TryGetValue(topologyKey, out var otherValue) && otherValue == value;
    }
}
