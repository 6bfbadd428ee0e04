using System.Net;
using System.Net.Sockets;
using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>
/// The NetworkPolicy that cuts one role off from another, both ways, and from nothing else: it selects
/// the isolated pods for Ingress and Egress and allows every peer except the cut-off role's pods
/// (pods in any namespace whose labels fail one of the role's requirements, plus any address outside the
/// pod network except the cut-off pods' own IPs, for network plugins whose <c>ipBlock</c> also matches
/// pod IPs). Labelled with the run id, so a later run removes it if this one is killed.
/// </summary>
public static class PartitionPolicy
{
    /// <summary>Label naming what a partition policy cuts (<c>workers-from-head</c>).</summary>
    public const string PartitionLabel = "zerodowntime.io/partition";

    /// <summary>The policy <paramref name="name"/> isolating <paramref name="isolated"/> from <paramref name="peer"/> (whose pods have <paramref name="peerAddresses"/>).</summary>
    public static V1NetworkPolicy Build(string name, string @namespace, string runId, string partition, RoleSettings isolated, RoleSettings peer, IEnumerable<string> peerAddresses)
    {
        ArgumentNullException.ThrowIfNull(isolated);
        ArgumentNullException.ThrowIfNull(peer);
        var addresses = (peerAddresses ?? []).Select(a => IPAddress.TryParse(a, out var ip) ? ip : null).OfType<IPAddress>().ToList();
        var peers = SelectorRequirements.Parse(peer.Selector)
            .Select(r => new V1NetworkPolicyPeer
            {
                NamespaceSelector = new V1LabelSelector(),
                PodSelector = new V1LabelSelector { MatchExpressions = [SelectorRequirements.Negate(r)] },
            })
            .Append(Outside("0.0.0.0/0", addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork), 32))
            .Append(Outside("::/0", addresses.Where(a => a.AddressFamily == AddressFamily.InterNetworkV6), 128))
            .ToList();
        return new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = @namespace,
                Labels = new Dictionary<string, string> { [SuiteLabels.Run] = runId, [PartitionLabel] = partition },
                Annotations = new Dictionary<string, string>
                {
                    ["zerodowntime.io/description"] = $"NetworkPartition: {isolated.Name} pods ({isolated.Selector}) cut off from {peer.Name} pods ({peer.Selector}) both ways; everything else allowed",
                },
            },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = SelectorRequirements.ToLabelSelector(isolated.Selector),
                PolicyTypes = ["Ingress", "Egress"],
                Ingress = [new V1NetworkPolicyIngressRule { FromProperty = peers }],
                Egress = [new V1NetworkPolicyEgressRule { To = peers }],
            },
        };
    }

    private static V1NetworkPolicyPeer Outside(string cidr, IEnumerable<IPAddress> except, int prefix)
    {
        var excepted = except.Select(a => $"{a}/{prefix}").ToList();
        return new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = cidr, Except = excepted.Count == 0 ? null : excepted } };
    }
}
