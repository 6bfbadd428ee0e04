using System.Collections.Concurrent;
using ZeroDowntime.LocalCluster.Controllers.Autoscaling;

namespace ZeroDowntime.LocalCluster.Metrics;

/// <summary>
/// The embedded cluster's metrics-server: the process kubelet records each running container's
/// cumulative CPU and resident memory (its processes and their descendants, from /proc) every
/// <see cref="Kubelet.KubeletOptions.MetricsResolution"/>; this turns them into the usage
/// <c>metrics.k8s.io</c> serves and the HPA reads: CPU as a rate over <see cref="Window"/>, memory as the
/// latest resident size. A pod appears once it has a full window of samples.
/// </summary>
/// <example><code>
/// var usage = store.GetPod("default", "ray-worker-7d9f-abcde");   // null until a window of samples exists
/// double millicores = usage!.CpuCores * 1000;
/// </code></example>
public sealed class ResourceMetricsStore : IPodMetricsSource
{
    private readonly ConcurrentDictionary<(string Ns, string Name), PodSampleHistory> _pods = new();

    /// <summary>Creates a store whose CPU rates span <paramref name="window"/>.</summary>
    public ResourceMetricsStore(TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        Window = window;
    }

    /// <summary>The span CPU rates are measured over (metrics-server's resolution is 15 s; the embedded cluster's default is 5 s).</summary>
    public TimeSpan Window { get; }

    /// <summary>Records one round of samples of a pod's running containers.</summary>
    public void Record(string ns, string name, string uid, string node, DateTimeOffset at, IReadOnlyDictionary<string, (double CpuSeconds, long MemoryBytes)> containers)
    {
        ArgumentNullException.ThrowIfNull(containers);
        var history = _pods.AddOrUpdate((ns, name), _ => new PodSampleHistory(ns, name, uid, node),
            (_, existing) => existing.Uid == uid ? existing : new PodSampleHistory(ns, name, uid, node));
        history.Add(at, containers, Window * 2);
    }

    /// <summary>Forgets every pod whose uid is not in <paramref name="running"/> (stopped pods report nothing).</summary>
    public void Retain(IReadOnlySet<string> running)
    {
        ArgumentNullException.ThrowIfNull(running);
        foreach (var (key, history) in _pods)
        {
            if (!running.Contains(history.Uid))
            {
                _pods.TryRemove(new KeyValuePair<(string, string), PodSampleHistory>(key, history));
            }
        }
    }

    /// <summary>A pod's usage, or null when it has no full window of samples.</summary>
    public PodUsage? GetPod(string ns, string name) => _pods.TryGetValue((ns, name), out var history) ? history.Usage(Window) : null;

    /// <summary>Every pod with usage (in <paramref name="ns"/>, or all namespaces when null), by namespace and name.</summary>
    public IReadOnlyList<PodUsage> ListPods(string? ns = null) =>
        _pods.Values.Where(h => ns is null || h.Namespace == ns)
            .Select(h => h.Usage(Window)).OfType<PodUsage>()
            .OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();

    /// <inheritdoc />
    public PodMetric? GetResourceMetric(string ns, string podName, string resource, string? container = null)
    {
        if (GetPod(ns, podName) is not { } usage)
        {
            return null;
        }

        var containers = container is null ? usage.Containers : usage.Containers.Where(c => c.Name == container).ToList();
        if (containers.Count == 0)
        {
            return null;
        }

        var value = resource switch
        {
            "cpu" => (long?)Math.Round(containers.Sum(c => c.CpuCores) * 1000),
            "memory" => containers.Sum(c => c.MemoryBytes) * 1000,
            _ => null,
        };
        return value is { } milli ? new PodMetric(milli, usage.Timestamp, usage.Window) : null;
    }

    /// <inheritdoc />
    public PodMetric? GetPodMetric(string ns, string podName, string metricName) => null; // no custom metrics API
}
