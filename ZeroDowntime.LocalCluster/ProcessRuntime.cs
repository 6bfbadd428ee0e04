using ZeroDowntime.LocalCluster.Kubelet;
using ZeroDowntime.LocalCluster.Networking;

namespace ZeroDowntime.LocalCluster;

/// <summary>
/// The parts that make pods real: the <see cref="ProcessKubelet"/> (also the pod terminator, the
/// <c>pods/log</c> handler and, through <c>metrics.k8s.io</c>, the cluster's resource metrics), the <see cref="ServiceProxyController"/> (cluster IPs and load
/// balancers), loopback cluster-IP allocation, and the <c>services/proxy</c>/<c>pods/proxy</c>
/// handlers, sharing one <see cref="LocalNetwork"/>. The host adds one unless
/// <see cref="LocalClusterOptions.Kubelet"/> is null.
/// </summary>
public sealed class ProcessRuntime
{
    private ProcessRuntime(ProcessKubelet kubelet, ServiceProxyController serviceProxies, LocalNetwork network)
    {
        Kubelet = kubelet;
        ServiceProxies = serviceProxies;
        Network = network;
    }

    /// <summary>The kubelet.</summary>
    public ProcessKubelet Kubelet { get; }

    /// <summary>The service proxies / load balancers.</summary>
    public ServiceProxyController ServiceProxies { get; }

    /// <summary>The shared address pools.</summary>
    public LocalNetwork Network { get; }

    /// <summary>Creates the runtime for <paramref name="options"/> and wires it in: hooks, controllers, terminator, subresources.</summary>
    /// <example><code>
    /// var options = new LocalClusterOptions { Kubelet = null };   // no automatic runtime
    /// var runtime = ProcessRuntime.AddTo(options, new KubeletOptions { CrashLoopBackoffBase = TimeSpan.FromMilliseconds(200) });
    /// await using var host = await LocalClusterHost.StartAsync(options);
    /// </code></example>
    public static ProcessRuntime AddTo(LocalClusterOptions options, KubeletOptions? kubelet = null, NetworkingOptions? networking = null)
    {
        var network = new LocalNetwork();
        var runtime = new ProcessRuntime(
            new ProcessKubelet(kubelet ?? new KubeletOptions(), network, options.Log),
            new ServiceProxyController(networking ?? new NetworkingOptions(), network, options.Log),
            network);
        options.AdmissionHooks.Add(new ServiceAddressAllocator(network));
        options.Controllers.Add(runtime.Kubelet);
        options.Controllers.Add(runtime.ServiceProxies);
        options.PodTerminator = _ => runtime.Kubelet;
        PodLogHandler.Register(options.Subresources, runtime.Kubelet);
        options.AggregatedApis.Add(new Metrics.ResourceMetricsApi(runtime.Kubelet.Metrics));
        HttpProxyHandlers.Register(options.Subresources);
        return runtime;
    }
}
