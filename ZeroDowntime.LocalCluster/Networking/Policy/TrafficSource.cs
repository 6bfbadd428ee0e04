using System.Net;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>
/// Who opened a connection, as NetworkPolicy sees it: a pod of the cluster (by uid), or an address
/// outside the pod network (a load balancer's client, the host), which only <c>ipBlock</c> peers match.
/// </summary>
/// <param name="PodUid">The source pod's uid, or null for a source outside the pod network.</param>
/// <param name="Address">The source address the connection came from.</param>
public sealed record TrafficSource(string? PodUid, IPAddress Address)
{
    /// <summary>A source outside the pod network.</summary>
    public static TrafficSource External(IPAddress address) => new(null, address);

    /// <summary>A pod of the cluster.</summary>
    public static TrafficSource Pod(string uid, IPAddress address) => new(uid, address);

    /// <inheritdoc />
    public override string ToString() => PodUid is null ? $"external {Address}" : $"pod uid {PodUid}";
}
