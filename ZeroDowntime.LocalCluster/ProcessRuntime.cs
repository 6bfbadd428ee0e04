using ZeroDowntime.LocalCluster.Kubelet;
using ZeroDowntime.LocalCluster.Networking;
using ZeroDowntime.LocalCluster.Networking.Policy;

namespace ZeroDowntime.LocalCluster;

/// <summary>
/// The parts that make pods real: the <see cref="ProcessKubelet"/> (also the pod terminator, the
/// <c>pods/log</c> handler and, through <c>metrics.k8s.io</c>, the cluster's resource metrics), the <see cref="ServiceProxyController"/> (cluster IPs and load
/// balancers), NetworkPolicy enforcement on those proxies, loopback cluster-IP allocation, the
/// <c>services/proxy</c>/<c>pods/proxy</c> handlers and the process-kill test hook, sharing one <see cref="LocalNetwork"/>. The host adds one unless
/// <see cref="LocalClusterOptions.Kubelet"/> is null.
/// </summary>
public sealed class ProcessRuntime
{
    private ProcessRuntime(ProcessKubelet kubelet, ServiceProxyController serviceProxies, LocalNetwork network, NetworkPolicyEnforcer? policies)
    {
        Kubelet = kubelet;
        ServiceProxies = serviceProxies;
        Network = network;
        NetworkPolicies = policies;
    }

    /// <summary>The kubelet.</summary>
    public ProcessKubelet Kubelet { get; }

    /// <summary>The service proxies / load balancers.</summary>
    public ServiceProxyController ServiceProxies { get; }

    /// <summary>The shared address pools.</summary>
    public LocalNetwork Network { get; }

    /// <summary>NetworkPolicy enforcement on the proxies; null when <see cref="NetworkingOptions.EnforceNetworkPolicies"/> is off.</summary>
    public NetworkPolicyEnforcer? NetworkPolicies { get; }

    /// <summary>Creates the runtime for <paramref name="options"/> and wires it in: hooks, controllers, terminator, subresources.</summary>
    /// <example><code>
    /// var options = new LocalClusterOptions { Kubelet = null };   // no automatic runtime
    /// var runtime = ProcessRuntime.AddTo(options, new KubeletOptions { CrashLoopBackoffBase = TimeSpan.FromMilliseconds(200) });
    /// await using var host = await LocalClusterHost.StartAsync(options);
    /// </code></example>
    public static ProcessRuntime AddTo(LocalClusterOptions options, KubeletOptions? kubelet = null, NetworkingOptions? networking = null)
    {
        var network = new LocalNetwork();
        networking ??= new NetworkingOptions();
        var policies = networking.EnforceNetworkPolicies ? new NetworkPolicyEnforcer(network.PodProcesses) : null;
        var runtime = new ProcessRuntime(
            new ProcessKubelet(kubelet ?? new KubeletOptions(), network, options.Log),
            new ServiceProxyController(networking, network, options.Log, policies),
            network,
            policies);
        options.AdmissionHooks.Add(new ServiceAddressAllocator(network));
        options.Controllers.Add(runtime.Kubelet);
        options.Controllers.Add(runtime.ServiceProxies);
        if (policies is not null)
        {
            options.Controllers.Add(new NetworkPolicyController(policies));
        }

        options.PodTerminator = _ => runtime.Kubelet;
        PodLogHandler.Register(options.Subresources, runtime.Kubelet);
        options.AggregatedApis.Add(new Metrics.ResourceMetricsApi(runtime.Kubelet.Metrics));
        HttpProxyHandlers.Register(options.Subresources);
        ProcessKillHandler.Register(options.Subresources, runtime.Kubelet);
        return runtime;
    }
}
