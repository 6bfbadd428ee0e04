using ZeroDowntime.LocalCluster.Controllers.Autoscaling;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Controllers.Kubelet;

namespace ZeroDowntime.LocalCluster.Controllers;

/// <summary>What <see cref="ClusterControllers.AddControllers"/> installs and how.</summary>
public sealed class ClusterControllerOptions
{
    /// <summary>Logging, resync and retry settings shared by every controller.</summary>
    public ControllerSettings Settings { get; init; } = new();

    /// <summary>
    /// The simulated kubelet's options; set to null when a process kubelet is configured (then
    /// neither the simulated kubelet nor its pod terminator is installed).
    /// </summary>
    public SimulatedKubeletOptions? SimulatedKubelet { get; init; } = new();

    /// <summary>
    /// Where the HPA reads pod metrics; null (default) reads the cluster's resource metrics API
    /// (<see cref="Cluster.ClusterApi.ResourceMetrics"/>: the process kubelet's measurements). Tests set an <see cref="InMemoryPodMetrics"/>.
    /// </summary>
    public IPodMetricsSource? Metrics { get; init; }

    /// <summary>HPA sync period, tolerance, default scale-down stabilization, cpu initialization period and readiness delay.</summary>
    public HpaOptions Hpa { get; init; } = new();
}
