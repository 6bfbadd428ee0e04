using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// Turns one autoscaling/v2 metric spec into a replica proposal from <see cref="IPodMetricsSource"/>:
/// Resource cpu with a Utilization target (usage / requests of Ready pods) or an AverageValue
/// target, and Pods metrics with an AverageValue target. Only Ready pods with a sample count.
/// </summary>
public sealed class MetricEvaluator
{
    private readonly IPodMetricsSource _metrics;
    private readonly double _tolerance;

    /// <summary>Creates an evaluator.</summary>
    public MetricEvaluator(IPodMetricsSource metrics, double tolerance)
    {
        _metrics = metrics;
        _tolerance = tolerance;
    }

    /// <summary>The proposal for <paramref name="metric"/> over <paramref name="pods"/> at <paramref name="currentReplicas"/>.</summary>
    public MetricProposal Evaluate(JsonObject metric, IReadOnlyList<V1Pod> pods, int currentReplicas)
    {
        var ready = pods.Where(p => p.IsReady()).ToList();
        return metric.GetString("type") switch
        {
            "Resource" when metric.GetString("resource", "name") == "cpu" => EvaluateCpu(metric, ready, currentReplicas),
            "Pods" => EvaluatePods(metric, ready, currentReplicas),
            var type => new MetricProposal(null, null, "", "InvalidMetricSourceType",
                $"the local cluster's HPA supports Resource cpu and Pods metrics, not {type} {metric.GetString("resource", "name")}".TrimEnd()),
        };
    }

    private MetricProposal EvaluateCpu(JsonObject metric, List<V1Pod> ready, int currentReplicas)
    {
        var target = metric.GetNode("resource", "target") as JsonObject ?? [];
        var samples = ready.Select(p => (Pod: p, Usage: _metrics.GetCpuMillicores(p.Metadata.NamespaceProperty ?? "", p.Metadata.Name ?? "")))
            .Where(s => s.Usage is not null).ToList();
        if (samples.Count == 0)
        {
            return new MetricProposal(null, null, "", "FailedGetResourceMetric",
                "failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API");
        }

        var usage = samples.Sum(s => s.Usage!.Value);
        var averageUsage = usage / samples.Count;
        if (target.GetString("type") == "AverageValue" && target.GetString("averageValue") is { } averageValue)
        {
            var ratio = averageUsage / MilliQuantity.Of(averageValue);
            return new MetricProposal(Propose(ratio, samples.Count, currentReplicas), CpuStatus(null, averageUsage), "cpu resource");
        }

        var missing = samples.FirstOrDefault(s => CpuRequestMilli(s.Pod) <= 0);
        if (missing.Pod is not null)
        {
            return new MetricProposal(null, null, "", "FailedGetResourceMetric",
                $"failed to get cpu utilization: missing request for cpu in container {missing.Pod.ContainersOrEmpty().FirstOrDefault()?.Name} of Pod {missing.Pod.Metadata.Name}");
        }

        var utilization = (int)Math.Round(100 * usage / samples.Sum(s => CpuRequestMilli(s.Pod)));
        var targetUtilization = (int)(target.GetInt64("averageUtilization") ?? 80);
        var usageRatio = (double)utilization / targetUtilization;
        return new MetricProposal(Propose(usageRatio, samples.Count, currentReplicas), CpuStatus(utilization, averageUsage),
            "cpu resource utilization (percentage of request)");
    }

    private MetricProposal EvaluatePods(JsonObject metric, List<V1Pod> ready, int currentReplicas)
    {
        var name = metric.GetString("pods", "metric", "name") ?? "";
        var values = ready.Select(p => _metrics.GetPodMetric(p.Metadata.NamespaceProperty ?? "", p.Metadata.Name ?? "", name)).Where(v => v is not null)
            .Select(v => v!.Value).ToList();
        if (values.Count == 0 || metric.GetString("pods", "target", "averageValue") is not { } target)
        {
            return new MetricProposal(null, null, "", "FailedGetPodsMetric",
                $"unable to get metric {name}: no metrics returned for pods metric {name}");
        }

        var average = values.Average();
        var status = new JsonObject
        {
            ["type"] = "Pods",
            ["pods"] = new JsonObject
            {
                ["metric"] = new JsonObject { ["name"] = name },
                ["current"] = new JsonObject { ["averageValue"] = MilliQuantity.Format(average * 1000) },
            },
        };
        return new MetricProposal(Propose(average / ((ResourceQuantity)target).ToDouble(), values.Count, currentReplicas), status, $"pods metric {name}");
    }

    private int Propose(double ratio, int podsWithMetrics, int currentReplicas) =>
        Math.Abs(1.0 - ratio) <= _tolerance ? currentReplicas : HpaMath.DesiredReplicas(podsWithMetrics, ratio, _tolerance);

    private static double CpuRequestMilli(V1Pod pod) =>
        pod.ContainersOrEmpty().Sum(c => c.Resources?.Requests?.TryGetValue("cpu", out var q) == true ? MilliQuantity.Of(q) : 0);

    private static JsonObject CpuStatus(int? utilization, double averageMilli)
    {
        var current = new JsonObject { ["averageValue"] = MilliQuantity.Format(averageMilli) };
        if (utilization is { } u)
        {
            current["averageUtilization"] = u;
        }

        return new JsonObject
        {
            ["type"] = "Resource",
            ["resource"] = new JsonObject { ["name"] = "cpu", ["current"] = current },
        };
    }
}
