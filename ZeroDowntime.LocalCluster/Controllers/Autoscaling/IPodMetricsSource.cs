namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// Where the HPA controller reads pod metrics (the local cluster's metrics-server). The process
/// kubelet feeds it from real process CPU; tests use <see cref="InMemoryPodMetrics"/>.
/// </summary>
/// <example><code>
/// double? cpu = metrics.GetCpuMillicores("default", "web-7d9f-abcde"); // 250 = a quarter of a core
/// </code></example>
public interface IPodMetricsSource
{
    /// <summary>The pod's current CPU usage in millicores (all containers), or null when no sample exists.</summary>
    double? GetCpuMillicores(string ns, string podName);

    /// <summary>The pod's current value of a custom per-pod metric (HPA type <c>Pods</c>), or null.</summary>
    double? GetPodMetric(string ns, string podName, string metricName);
}
