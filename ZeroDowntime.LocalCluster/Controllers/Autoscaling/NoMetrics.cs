namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>A cluster without a metrics pipeline (no process kubelet, no metrics-server): every metric is missing.</summary>
internal sealed class NoMetrics : IPodMetricsSource
{
    public static readonly NoMetrics Instance = new();

    public PodMetric? GetResourceMetric(string ns, string podName, string resource, string? container = null) => null;

    public PodMetric? GetPodMetric(string ns, string podName, string metricName) => null;
}
