using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>
/// One <c>from</c>/<c>to</c> entry of a rule. Selectors match pods only, <c>ipBlock</c> matches only
/// addresses outside the pod network (the API leaves ipBlock on pod IPs to the implementation; this
/// cluster, like Cilium, keeps the two apart, so a policy behaves the same whatever IP a pod got).
/// </summary>
/// <param name="PodSelector">Pods matching it (in <paramref name="NamespaceSelector"/>'s namespaces, else the policy's); null with a namespace selector: every pod there.</param>
/// <param name="NamespaceSelector">Namespaces whose pods count; null: the policy's own namespace.</param>
/// <param name="Block">The ipBlock's CIDR, or null for a selector peer.</param>
/// <param name="Except">The ipBlock's exceptions.</param>
internal sealed record CompiledPeer(LabelSelectorMatcher? PodSelector, LabelSelectorMatcher? NamespaceSelector, CidrBlock? Block, IReadOnlyList<CidrBlock> Except)
{
    /// <summary>True when <paramref name="peer"/> (a pod, or an external address) is this peer, for a policy in <paramref name="policyNamespace"/>.</summary>
    public bool Matches(string policyNamespace, PolicyEndpoint peer, Func<string, IReadOnlyDictionary<string, string>> namespaceLabels)
    {
        if (Block is not null)
        {
            return peer.Pod is null && Block.Contains(peer.Address) && !Except.Any(e => e.Contains(peer.Address));
        }

        if (peer.Pod is not { } pod || (PodSelector is null && NamespaceSelector is null))
        {
            return false;
        }

        var namespaceMatches = NamespaceSelector is null
            ? pod.Namespace == policyNamespace
            : NamespaceSelector.Matches(namespaceLabels(pod.Namespace));
        return namespaceMatches && (PodSelector?.Matches(pod.Labels) ?? true);
    }
}
