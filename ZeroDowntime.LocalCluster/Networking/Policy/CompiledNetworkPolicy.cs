using k8s.Models;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>
/// A networking.k8s.io/v1 NetworkPolicy, parsed once: which pods it selects, whether it isolates them
/// for ingress, egress or both (<c>policyTypes</c>, defaulted as the API does), and its rules.
/// </summary>
internal sealed class CompiledNetworkPolicy
{
    private CompiledNetworkPolicy(string ns, string name, LabelSelectorMatcher podSelector, bool ingress, bool egress,
        IReadOnlyList<CompiledRule> ingressRules, IReadOnlyList<CompiledRule> egressRules)
    {
        Namespace = ns;
        Name = name;
        PodSelector = podSelector;
        IsolatesIngress = ingress;
        IsolatesEgress = egress;
        IngressRules = ingressRules;
        EgressRules = egressRules;
    }

    public string Namespace { get; }

    public string Name { get; }

    public LabelSelectorMatcher PodSelector { get; }

    /// <summary>Selected pods accept only what <see cref="IngressRules"/> allow.</summary>
    public bool IsolatesIngress { get; }

    /// <summary>Selected pods may open only what <see cref="EgressRules"/> allow.</summary>
    public bool IsolatesEgress { get; }

    public IReadOnlyList<CompiledRule> IngressRules { get; }

    public IReadOnlyList<CompiledRule> EgressRules { get; }

    public static CompiledNetworkPolicy From(V1NetworkPolicy policy)
    {
        var spec = policy.Spec ?? new V1NetworkPolicySpec();
        var types = spec.PolicyTypes;

        // As the API server defaults it: Ingress always, Egress when the policy has egress rules.
        var ingress = types is null or { Count: 0 } || types.Contains("Ingress");
        var egress = types is null or { Count: 0 } ? spec.Egress is { Count: > 0 } : types.Contains("Egress");
        return new CompiledNetworkPolicy(
            policy.Metadata?.NamespaceProperty ?? "default",
            policy.Metadata?.Name ?? "",
            LabelSelectorMatcher.From(spec.PodSelector) ?? LabelSelectorMatcher.Everything,
            ingress,
            egress,
            (spec.Ingress ?? []).Select(r => Rule(r.FromProperty, r.Ports)).ToList(),
            (spec.Egress ?? []).Select(r => Rule(r.To, r.Ports)).ToList());
    }

    /// <summary>True when the policy applies to <paramref name="pod"/>.</summary>
    public bool Selects(PolicyPod pod) => pod.Namespace == Namespace && PodSelector.Matches(pod.Labels);

    /// <inheritdoc />
    public override string ToString() => $"{Namespace}/{Name}";

    private static CompiledRule Rule(IList<V1NetworkPolicyPeer>? peers, IList<V1NetworkPolicyPort>? ports) => new(
        (peers ?? []).Select(Peer).ToList(),
        (ports ?? []).Select(CompiledPort.From).ToList());

    private static CompiledPeer Peer(V1NetworkPolicyPeer peer)
    {
        if (peer.IpBlock is { } block)
        {
            // An unparsable CIDR matches nothing rather than everything.
            var cidr = CidrBlock.TryParse(block.Cidr) ?? CidrBlock.TryParse("0.0.0.0/32")!;
            return new CompiledPeer(null, null, cidr, (block.Except ?? []).Select(CidrBlock.TryParse).OfType<CidrBlock>().ToList());
        }

        return new CompiledPeer(LabelSelectorMatcher.From(peer.PodSelector), LabelSelectorMatcher.From(peer.NamespaceSelector), null, []);
    }
}
