namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>One ingress or egress rule: an empty peer list admits every peer, an empty port list every port.</summary>
internal sealed record CompiledRule(IReadOnlyList<CompiledPeer> Peers, IReadOnlyList<CompiledPort> Ports)
{
    public bool Matches(string policyNamespace, PolicyEndpoint peer, int port, PolicyPod? destination,
        Func<string, IReadOnlyDictionary<string, string>> namespaceLabels) =>
        (Peers.Count == 0 || Peers.Any(p => p.Matches(policyNamespace, peer, namespaceLabels)))
        && (Ports.Count == 0 || Ports.Any(p => p.Matches(port, destination)));
}
