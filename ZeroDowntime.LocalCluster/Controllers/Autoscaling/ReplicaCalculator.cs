using k8s.Models;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// pkg/controller/podautoscaler/replica_calculator.go as pure functions over the pods and their
/// metrics: <c>desired = ceil(ready pods × current / target)</c> unless the ratio is within the
/// tolerance; with unready pods (on a scale-up) or pods without metrics the average is recomputed
/// conservatively (missing pods count 0% on a scale-up and 100% of their request on a scale-down,
/// unready pods 0% on a scale-up), and no action is taken if that reverses the direction or lands
/// within the tolerance. Percentages are whole numbers, truncated, as the controller computes them.
/// </summary>
/// <example><code>
/// var calculator = new ReplicaCalculator(new HpaOptions());
/// var result = calculator.ResourceUtilization(3, targetUtilization: 30, "cpu", null, pods, metrics, now);
/// // three ready pods at 300m, 500m, 700m of 1 core each: result.Utilization == 50, result.Replicas == 5
/// </code></example>
public sealed class ReplicaCalculator
{
    private readonly HpaOptions _options;

    /// <summary>Creates a calculator with the controller's tolerance, cpu initialization period and readiness delay.</summary>
    public ReplicaCalculator(HpaOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>A <c>Resource</c>/<c>ContainerResource</c> metric with an <c>Utilization</c> target (percent of request).</summary>
    public ReplicaCalculation ResourceUtilization(int currentReplicas, int targetUtilization, string resource, string? container,
        IReadOnlyList<V1Pod> pods, IReadOnlyDictionary<string, PodMetric> podMetrics, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(podMetrics);
        if (pods.Count == 0)
        {
            return ReplicaCalculation.Failed("no pods returned by selector while calculating replica count");
        }

        var metrics = podMetrics.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal);
        var groups = PodGroups.Of(pods, podMetrics, resource, _options.CpuInitializationPeriod, _options.InitialReadinessDelay, now);
        Remove(metrics, groups.Ignored);
        Remove(metrics, groups.Unready);
        if (metrics.Count == 0)
        {
            return ReplicaCalculation.Failed("did not receive metrics for targeted pods (pods might be unready)");
        }

        var requests = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var (request, error) = Request(pod, container, resource);
            if (error is not null)
            {
                return ReplicaCalculation.Failed(error);
            }

            requests[pod.Metadata?.Name ?? ""] = request;
        }

        if (UtilizationRatio(metrics, requests, targetUtilization) is not var (ratio, utilization, raw))
        {
            return ReplicaCalculation.Failed("no metrics returned matched known pods");
        }

        var timestamp = Timestamp(podMetrics);
        var scaleUpWithUnready = groups.Unready.Count > 0 && ratio > 1.0;
        if (!scaleUpWithUnready && groups.Missing.Count == 0)
        {
            var replicas = WithinTolerance(ratio) ? currentReplicas : Ceiling(ratio * groups.ReadyCount);
            return new ReplicaCalculation(replicas, utilization, raw, timestamp);
        }

        if (groups.Missing.Count > 0 && ratio != 1.0)
        {
            // A pod without a sample is assumed busy on the way down (100% of its request, or the target when above 100%) and idle on the way up.
            var fallback = Math.Max(100, targetUtilization);
            foreach (var name in groups.Missing)
            {
                metrics[name] = ratio < 1.0 ? requests.GetValueOrDefault(name) * fallback / 100 : 0;
            }
        }

        if (scaleUpWithUnready)
        {
            foreach (var name in groups.Unready)
            {
                metrics[name] = 0;
            }
        }

        var (newRatio, _, _) = UtilizationRatio(metrics, requests, targetUtilization)!.Value;
        return Conservative(currentReplicas, ratio, newRatio, metrics.Count) is { } adjusted
            ? new ReplicaCalculation(adjusted, utilization, raw, timestamp)
            : new ReplicaCalculation(currentReplicas, utilization, raw, timestamp);
    }

    /// <summary>
    /// A plain average target in milli-units: a <c>Resource</c> metric with an <c>AverageValue</c> target
    /// (<paramref name="resource"/> = cpu/memory) or a <c>Pods</c> metric (<paramref name="resource"/> empty).
    /// </summary>
    public ReplicaCalculation PlainAverage(int currentReplicas, long targetUsage, string resource,
        IReadOnlyList<V1Pod> pods, IReadOnlyDictionary<string, PodMetric> podMetrics, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(podMetrics);
        if (pods.Count == 0)
        {
            return ReplicaCalculation.Failed("no pods returned by selector while calculating replica count");
        }

        var metrics = podMetrics.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal);
        var groups = PodGroups.Of(pods, podMetrics, resource, _options.CpuInitializationPeriod, _options.InitialReadinessDelay, now);
        Remove(metrics, groups.Ignored);
        Remove(metrics, groups.Unready);
        if (metrics.Count == 0)
        {
            return ReplicaCalculation.Failed("did not receive metrics for targeted pods (pods might be unready)");
        }

        var (ratio, usage) = UsageRatio(metrics, targetUsage);
        var timestamp = Timestamp(podMetrics);
        var scaleUpWithUnready = groups.Unready.Count > 0 && ratio > 1.0;
        if (!scaleUpWithUnready && groups.Missing.Count == 0)
        {
            var replicas = WithinTolerance(ratio) ? currentReplicas : Ceiling(ratio * groups.ReadyCount);
            return new ReplicaCalculation(replicas, null, usage, timestamp);
        }

        if (groups.Missing.Count > 0 && ratio != 1.0)
        {
            // On the way down a pod without a sample is assumed to use exactly the target; on the way up nothing.
            foreach (var name in groups.Missing)
            {
                metrics[name] = ratio < 1.0 ? targetUsage : 0;
            }
        }

        if (scaleUpWithUnready)
        {
            foreach (var name in groups.Unready)
            {
                metrics[name] = 0;
            }
        }

        var (newRatio, _) = UsageRatio(metrics, targetUsage);
        return Conservative(currentReplicas, ratio, newRatio, metrics.Count) is { } adjusted
            ? new ReplicaCalculation(adjusted, null, usage, timestamp)
            : new ReplicaCalculation(currentReplicas, null, usage, timestamp);
    }

    /// <summary>metrics.GetResourceUtilizationRatio: whole-percent utilization (truncated) over the pods that have a request, its ratio to the target, and the raw average.</summary>
    public static (double Ratio, int Utilization, long RawAverage)? UtilizationRatio(IReadOnlyDictionary<string, long> metrics, IReadOnlyDictionary<string, long> requests, int targetUtilization)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(requests);
        long metricsTotal = 0, requestsTotal = 0;
        var entries = 0;
        foreach (var (pod, value) in metrics)
        {
            if (requests.TryGetValue(pod, out var request))
            {
                metricsTotal += value;
                requestsTotal += request;
                entries++;
            }
        }

        if (requestsTotal == 0)
        {
            return null;
        }

        var utilization = (int)(metricsTotal * 100 / requestsTotal);
        return ((double)utilization / targetUtilization, utilization, metricsTotal / entries);
    }

    /// <summary>metrics.GetMetricUsageRatio: the average (truncated to a whole milli-unit) and its ratio to the target.</summary>
    public static (double Ratio, long Average) UsageRatio(IReadOnlyDictionary<string, long> metrics, long targetUsage)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var average = metrics.Values.Sum() / metrics.Count;
        return ((double)average / targetUsage, average);
    }

    private bool WithinTolerance(double ratio) => Math.Abs(1.0 - ratio) <= _options.Tolerance;

    /// <summary>The recomputed proposal, or null when it must not act: within tolerance, direction reversed, or fewer pods would reverse it.</summary>
    private int? Conservative(int currentReplicas, double ratio, double newRatio, int podsCounted)
    {
        if (WithinTolerance(newRatio) || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0))
        {
            return null;
        }

        var replicas = Ceiling(newRatio * podsCounted);
        return (newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas) ? null : replicas;
    }

    private static (long Request, string? Error) Request(V1Pod pod, string? container, string resource)
    {
        var name = pod.Metadata?.Name ?? "";
        long total = 0;
        foreach (var c in pod.ContainersOrEmpty())
        {
            if (container is null || container == c.Name)
            {
                if (c.Resources?.Requests?.TryGetValue(resource, out var quantity) != true)
                {
                    return (0, $"missing request for {resource} in container {c.Name} of Pod {name}");
                }

                total += (long)Math.Round(MilliQuantity.Of(quantity!));
            }

            if (container == c.Name)
            {
                return (total, null);
            }
        }

        return container is null ? (total, null) : (0, $"container {container} not found in Pod {name}");
    }

    private static DateTimeOffset Timestamp(IReadOnlyDictionary<string, PodMetric> metrics) =>
        metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Value.Timestamp).FirstOrDefault();

    private static int Ceiling(double value) => value >= int.MaxValue ? int.MaxValue : (int)Math.Ceiling(value);

    private static void Remove(Dictionary<string, long> metrics, IEnumerable<string> pods)
    {
        foreach (var pod in pods)
        {
            metrics.Remove(pod);
        }
    }
}
