namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// Where the HPA controller reads pod metrics: the local cluster's resource metrics API
/// (<c>metrics.k8s.io</c>, fed by the process kubelet's measurements of each container's processes)
/// and custom per-pod metrics. Tests use <see cref="InMemoryPodMetrics"/>.
/// </summary>
/// <example><code>
/// PodMetric? cpu = metrics.GetResourceMetric("default", "web-7d9f-abcde", "cpu", container: null); // Value 250 = a quarter of a core
/// </code></example>
public interface IPodMetricsSource
{
    /// <summary>
    /// The pod's usage of <paramref name="resource"/> (<c>cpu</c> or <c>memory</c>), summed over its
    /// containers (or only <paramref name="container"/>); null when the pod, or one of its containers, has no sample.
    /// </summary>
    PodMetric? GetResourceMetric(string ns, string podName, string resource, string? container = null);

    /// <summary>The pod's value of a custom per-pod metric (HPA type <c>Pods</c>) in milli-units, or null.</summary>
    PodMetric? GetPodMetric(string ns, string podName, string metricName);
}
