using System.Net;
using ZeroDowntime.LocalCluster.Networking.Policy;

namespace ZeroDowntime.LocalCluster.Networking;

/// <summary>
/// What the kubelet and the service proxies share: the address pools, and the news that a pod's
/// processes are gone (so proxied connections to it break at once, as they would on a real network).
/// </summary>
public sealed class LocalNetwork
{
    /// <summary>Pod addresses (default 127.10.0.0/16).</summary>
    public LoopbackAddressPool PodAddresses { get; init; } = LoopbackAddressPool.Pods;

    /// <summary>Service cluster IPs (default 127.20.0.0/16).</summary>
    public LoopbackAddressPool ClusterIps { get; init; } = LoopbackAddressPool.ClusterIps;

    /// <summary>Load balancer ingress addresses (default 127.30.0.0/16).</summary>
    public LoopbackAddressPool LoadBalancerIps { get; init; } = LoopbackAddressPool.LoadBalancers;

    /// <summary>Which pod each container process group belongs to (how NetworkPolicy finds a connection's source).</summary>
    public PodProcessRegistry PodProcesses { get; } = new();

    /// <summary>Raised after every process of the pod at this address has exited.</summary>
    public event Action<IPAddress>? PodAddressStopped;

    /// <summary>Reports that the pod at <paramref name="address"/> stopped.</summary>
    public void PodStopped(IPAddress address) => PodAddressStopped?.Invoke(address);
}
