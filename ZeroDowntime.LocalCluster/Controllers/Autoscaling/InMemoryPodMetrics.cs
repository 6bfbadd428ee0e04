using System.Collections.Concurrent;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>A settable <see cref="IPodMetricsSource"/>: tests (and simple feeders) write samples, the HPA reads them.</summary>
/// <example><code>
/// var metrics = new InMemoryPodMetrics();
/// metrics.SetCpu("default", "web-1", millicores: 180);                       // stamped now, 15 s window
/// metrics.SetPodMetric("default", "web-1", "requests_per_second", 42);
/// </code></example>
public sealed class InMemoryPodMetrics : IPodMetricsSource
{
    private readonly ConcurrentDictionary<(string Ns, string Pod, string Resource), PodMetric> _resources = new();
    private readonly ConcurrentDictionary<(string Ns, string Pod, string Metric), PodMetric> _custom = new();
    private readonly TimeProvider _time;

    /// <summary>Creates an empty source; samples without a timestamp are stamped with <paramref name="time"/>'s now.</summary>
    public InMemoryPodMetrics(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>The window samples get when none is given (metrics-server's default resolution).</summary>
    public static TimeSpan DefaultWindow { get; } = TimeSpan.FromSeconds(15);

    /// <summary>Sets a pod's CPU usage in millicores.</summary>
    public void SetCpu(string ns, string podName, double millicores, DateTimeOffset? timestamp = null, TimeSpan? window = null) =>
        SetResource(ns, podName, "cpu", (long)Math.Round(millicores), timestamp, window);

    /// <summary>Sets a pod's usage of <paramref name="resource"/> in milli-units.</summary>
    public void SetResource(string ns, string podName, string resource, long milliValue, DateTimeOffset? timestamp = null, TimeSpan? window = null) =>
        _resources[(ns, podName, resource)] = new PodMetric(milliValue, timestamp ?? _time.GetUtcNow(), window ?? DefaultWindow);

    /// <summary>Sets a pod's custom metric value (plain units; stored as milli-units).</summary>
    public void SetPodMetric(string ns, string podName, string metricName, double value) =>
        _custom[(ns, podName, metricName)] = new PodMetric((long)Math.Round(value * 1000), _time.GetUtcNow(), DefaultWindow);

    /// <summary>Forgets every sample of a pod.</summary>
    public void Remove(string ns, string podName)
    {
        foreach (var key in _resources.Keys.Where(k => k.Ns == ns && k.Pod == podName))
        {
            _resources.TryRemove(key, out _);
        }

        foreach (var key in _custom.Keys.Where(k => k.Ns == ns && k.Pod == podName))
        {
            _custom.TryRemove(key, out _);
        }
    }

    /// <inheritdoc />
    public PodMetric? GetResourceMetric(string ns, string podName, string resource, string? container = null) =>
        _resources.TryGetValue((ns, podName, resource), out var v) ? v : null;

    /// <inheritdoc />
    public PodMetric? GetPodMetric(string ns, string podName, string metricName) =>
        _custom.TryGetValue((ns, podName, metricName), out var v) ? v : null;
}
