using System.Net;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>
/// The cluster's NetworkPolicies, pods and namespace labels at one moment, and the decision they make
/// for a connection: allowed when the source pod's egress and the destination pod's ingress both allow
/// it. A pod no policy selects (for that direction) is not isolated; a selected pod admits only what some
/// selecting policy's rules allow. Sources and destinations outside the pod network are never isolated
/// themselves and are matched only by <c>ipBlock</c>.
/// </summary>
public sealed class NetworkPolicySnapshot
{
    private const string NamespaceNameLabel = "kubernetes.io/metadata.name";
    private readonly IReadOnlyList<CompiledNetworkPolicy> _policies;
    private readonly IReadOnlyDictionary<string, PolicyPod> _podsByUid;
    private readonly IReadOnlyDictionary<IPAddress, PolicyPod> _podsByAddress;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _namespaceLabels;

    internal NetworkPolicySnapshot(long version, IReadOnlyList<CompiledNetworkPolicy> policies, IReadOnlyList<PolicyPod> pods,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> namespaceLabels)
    {
        Version = version;
        _policies = policies;
        _podsByUid = pods.ToDictionary(p => p.Uid);
        _podsByAddress = pods.Where(p => p.Address is not null).GroupBy(p => p.Address!).ToDictionary(g => g.Key, g => g.First());
        _namespaceLabels = namespaceLabels;
    }

    /// <summary>No policies at all: everything is allowed.</summary>
    public static NetworkPolicySnapshot Empty { get; } = new(0, [], [], new Dictionary<string, IReadOnlyDictionary<string, string>>());

    /// <summary>Increases with every rebuild; a decision from an older snapshot never overrides a newer one.</summary>
    public long Version { get; }

    /// <summary>True when at least one NetworkPolicy exists (otherwise no source needs to be identified).</summary>
    public bool HasPolicies => _policies.Count > 0;

    /// <summary>The namespace/name of every policy, sorted (diagnostics).</summary>
    public IReadOnlyList<string> PolicyNames => _policies.Select(p => p.ToString()).Order(StringComparer.Ordinal).ToList();

    /// <summary>Decides a TCP connection from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public PolicyDecision Evaluate(TrafficSource source, IPEndPoint destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (!HasPolicies)
        {
            return PolicyDecision.NotSelected;
        }

        var from = new PolicyEndpoint(source.PodUid is { } uid ? _podsByUid.GetValueOrDefault(uid) : null, source.Address);
        var toPod = _podsByAddress.GetValueOrDefault(Normalize(destination.Address));
        var to = new PolicyEndpoint(toPod, destination.Address);
        var reasons = new List<string>();
        if (from.Pod is { } sourcePod && Isolating(sourcePod, egress: true) is { Count: > 0 } egressPolicies)
        {
            var allowed = egressPolicies.FirstOrDefault(p => p.EgressRules.Any(r => r.Matches(p.Namespace, to, destination.Port, toPod, LabelsOf)));
            if (allowed is null)
            {
                return new PolicyDecision(false, $"egress from {sourcePod} to {to}:{destination.Port} is not allowed by {Names(egressPolicies)}");
            }

            reasons.Add($"egress allowed by {allowed}");
        }

        if (toPod is not null && Isolating(toPod, egress: false) is { Count: > 0 } ingressPolicies)
        {
            var allowed = ingressPolicies.FirstOrDefault(p => p.IngressRules.Any(r => r.Matches(p.Namespace, from, destination.Port, toPod, LabelsOf)));
            if (allowed is null)
            {
                return new PolicyDecision(false, $"ingress to {toPod} port {destination.Port} from {from} is not allowed by {Names(ingressPolicies)}");
            }

            reasons.Add($"ingress allowed by {allowed}");
        }

        return reasons.Count == 0 ? PolicyDecision.NotSelected : new PolicyDecision(true, string.Join("; ", reasons));
    }

    /// <summary>The pod with this uid, or null (diagnostics and tests).</summary>
    internal PolicyPod? PodByUid(string uid) => _podsByUid.GetValueOrDefault(uid);

    private List<CompiledNetworkPolicy> Isolating(PolicyPod pod, bool egress) =>
        _policies.Where(p => (egress ? p.IsolatesEgress : p.IsolatesIngress) && p.Selects(pod)).ToList();

    // The API server labels every namespace with its name; objects created before that feature (or never stored) still have it here.
    private IReadOnlyDictionary<string, string> LabelsOf(string ns)
    {
        var labels = new Dictionary<string, string>(_namespaceLabels.GetValueOrDefault(ns) ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [NamespaceNameLabel] = ns,
        };
        return labels;
    }

    private static string Names(IEnumerable<CompiledNetworkPolicy> policies) =>
        "NetworkPolicy " + string.Join(", ", policies.Select(p => p.ToString()));

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
