namespace ZeroDowntime.LocalCluster.Networking;

/// <summary>How the local service proxies behave.</summary>
public sealed class NetworkingOptions
{
    /// <summary>
    /// Time for an endpoint change (a pod turning Ready/unready, added or removed) to reach the TCP
    /// proxies, like kube-proxy/NLB target registration lag; default 500 ms. Service proxies for new
    /// Services open at once. This delay is why a preStop sleep matters.
    /// </summary>
    public TimeSpan PropagationDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest a proxy waits to connect to a backend before resetting the client; default 5 s.</summary>
    public TimeSpan BackendConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Proxy each Service's cluster IP (pods reach Services through <c>{NAME}_SERVICE_HOST</c>); default true.</summary>
    public bool ProxyClusterIps { get; set; } = true;

    /// <summary>Give each <c>type: LoadBalancer</c> Service its own ingress address and proxy; default true.</summary>
    public bool ProvisionLoadBalancers { get; set; } = true;

    /// <summary>
    /// Enforce networking.k8s.io/v1 NetworkPolicies on every connection the proxies forward (see
    /// docs/local-cluster-kubelet.md); default true. False behaves like a network plugin that ignores
    /// them (Flannel): policies are stored and have no effect.
    /// </summary>
    public bool EnforceNetworkPolicies { get; set; } = true;
}
