using System.Collections.Concurrent;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>A settable <see cref="IPodMetricsSource"/>: tests (and simple feeders) write samples, the HPA reads them.</summary>
/// <example><code>
/// var metrics = new InMemoryPodMetrics();
/// metrics.SetCpu("default", "web-1", millicores: 180);
/// metrics.SetPodMetric("default", "web-1", "requests_per_second", 42);
/// </code></example>
public sealed class InMemoryPodMetrics : IPodMetricsSource
{
    private readonly ConcurrentDictionary<(string Ns, string Pod), double> _cpu = new();
    private readonly ConcurrentDictionary<(string Ns, string Pod, string Metric), double> _custom = new();

    /// <summary>Sets a pod's CPU usage in millicores.</summary>
    public void SetCpu(string ns, string podName, double millicores) => _cpu[(ns, podName)] = millicores;

    /// <summary>Sets a pod's custom metric value.</summary>
    public void SetPodMetric(string ns, string podName, string metricName, double value) => _custom[(ns, podName, metricName)] = value;

    /// <summary>Forgets every sample of a pod.</summary>
    public void Remove(string ns, string podName)
    {
        _cpu.TryRemove((ns, podName), out _);
        foreach (var key in _custom.Keys.Where(k => k.Ns == ns && k.Pod == podName))
        {
            _custom.TryRemove(key, out _);
        }
    }

    /// <inheritdoc />
    public double? GetCpuMillicores(string ns, string podName) => _cpu.TryGetValue((ns, podName), out var v) ? v : null;

    /// <inheritdoc />
    public double? GetPodMetric(string ns, string podName, string metricName) =>
        _custom.TryGetValue((ns, podName, metricName), out var v) ? v : null;
}
