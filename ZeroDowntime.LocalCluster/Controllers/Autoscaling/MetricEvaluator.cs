using System.Text.Json.Nodes;
using k8s.Models;

namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// computeReplicasForMetric: turns one autoscaling/v2 metric spec into a <see cref="MetricProposal"/>
/// through <see cref="IPodMetricsSource"/> and <see cref="ReplicaCalculator"/>. Supported: <c>Resource</c>
/// and <c>ContainerResource</c> (cpu, memory) with <c>Utilization</c> or <c>AverageValue</c> targets, and
/// <c>Pods</c> metrics with <c>AverageValue</c> targets. <c>Object</c> and <c>External</c> metrics fail with
/// the controller's wording (the local cluster has no custom or external metrics API).
/// </summary>
public sealed class MetricEvaluator
{
    private readonly IPodMetricsSource _metrics;
    private readonly ReplicaCalculator _calculator;

    /// <summary>Creates an evaluator over <paramref name="metrics"/>.</summary>
    public MetricEvaluator(IPodMetricsSource metrics, ReplicaCalculator calculator)
    {
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _calculator = calculator ?? throw new ArgumentNullException(nameof(calculator));
    }

    /// <summary>The proposal for <paramref name="spec"/> over the target's <paramref name="pods"/> at <paramref name="currentReplicas"/>.</summary>
    public MetricProposal Evaluate(V2MetricSpec spec, string ns, int currentReplicas, IReadOnlyList<V1Pod> pods, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Type switch
        {
            "Resource" when spec.Resource is { } r =>
                Resource(r.Name, null, r.Target, "FailedGetResourceMetric", $"failed to get {r.Name} resource metric value", ns, currentReplicas, pods, now),
            "ContainerResource" when spec.ContainerResource is { } c =>
                Resource(c.Name, c.Container, c.Target, "FailedGetContainerResourceMetric", $"failed to get {c.Container} container metric value", ns, currentReplicas, pods, now),
            "Pods" when spec.Pods is { } p => Pods(p, ns, currentReplicas, pods, now),
            "Object" => Unsupported("FailedGetObjectMetric", "failed to get object metric value", "the local cluster serves no custom metrics API (custom.metrics.k8s.io)"),
            "External" => Unsupported("FailedGetExternalMetric", "failed to get external metric value", "the local cluster serves no external metrics API (external.metrics.k8s.io)"),
            var type => Unsupported("InvalidMetricSourceType", "", $"unknown metric source type \"{type}\""),
        };
    }

    private MetricProposal Resource(string resource, string? container, V2MetricTarget? target, string reason, string context,
        string ns, int currentReplicas, IReadOnlyList<V1Pod> pods, DateTimeOffset now)
    {
        var samples = Samples(pods, pod => _metrics.GetResourceMetric(ns, pod, resource, container));
        if (samples.Count == 0)
        {
            return Failure(reason, context, $"failed to get {resource} utilization: unable to get metrics for resource {resource}: no metrics returned from resource metrics API");
        }

        var containerWord = container is null ? "" : " container";
        if (target?.AverageValue is { } averageValue)
        {
            var raw = _calculator.PlainAverage(currentReplicas, (long)Math.Round(MilliQuantity.Of(averageValue)), resource, pods, samples, now);
            return raw.Error is { } error
                ? Failure(reason, context, $"failed to get {resource} utilization: {error}")
                : new MetricProposal(raw.Replicas, Status(resource, container, null, raw.Usage), $"{resource}{containerWord} resource");
        }

        if (target?.AverageUtilization is not { } targetUtilization)
        {
            return Failure(reason, context, "invalid resource metric source: neither an average utilization target nor an average value target was set");
        }

        var result = _calculator.ResourceUtilization(currentReplicas, targetUtilization, resource, container, pods, samples, now);
        return result.Error is { } failure
            ? Failure(reason, context, $"failed to get {resource} utilization: {failure}")
            : new MetricProposal(result.Replicas, Status(resource, container, result.Utilization, result.Usage),
                $"{resource}{containerWord} resource utilization (percentage of request)");
    }

    private MetricProposal Pods(V2PodsMetricSource source, string ns, int currentReplicas, IReadOnlyList<V1Pod> pods, DateTimeOffset now)
    {
        var name = source.Metric?.Name ?? "";
        const string Context = "failed to get pods metric value";
        var samples = Samples(pods, pod => _metrics.GetPodMetric(ns, pod, name));
        if (samples.Count == 0)
        {
            return Failure("FailedGetPodsMetric", Context, $"unable to get metric {name}: no metrics returned from custom metrics API");
        }

        if (source.Target?.AverageValue is not { } target)
        {
            return Failure("FailedGetPodsMetric", Context, $"invalid pods metric source: the target of {name} has no averageValue");
        }

        var result = _calculator.PlainAverage(currentReplicas, (long)Math.Round(MilliQuantity.Of(target)), "", pods, samples, now);
        if (result.Error is { } error)
        {
            return Failure("FailedGetPodsMetric", Context, error);
        }

        var status = new JsonObject
        {
            ["type"] = "Pods",
            ["pods"] = new JsonObject
            {
                ["metric"] = new JsonObject { ["name"] = name },
                ["current"] = new JsonObject { ["averageValue"] = MilliQuantity.Format(result.Usage) },
            },
        };
        return new MetricProposal(result.Replicas, status, $"pods metric {name}");
    }

    private static Dictionary<string, PodMetric> Samples(IReadOnlyList<V1Pod> pods, Func<string, PodMetric?> read)
    {
        var samples = new Dictionary<string, PodMetric>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (pod.Metadata?.Name is { } name && read(name) is { } metric)
            {
                samples[name] = metric;
            }
        }

        return samples;
    }

    private static JsonObject Status(string resource, string? container, int? utilization, long average)
    {
        var current = new JsonObject();
        if (utilization is { } u)
        {
            current["averageUtilization"] = u;
        }

        current["averageValue"] = MilliQuantity.Format(average);
        var source = new JsonObject { ["name"] = resource };
        if (container is not null)
        {
            source["container"] = container;
        }

        source["current"] = current;
        return container is null
            ? new JsonObject { ["type"] = "Resource", ["resource"] = source }
            : new JsonObject { ["type"] = "ContainerResource", ["containerResource"] = source };
    }

    private static MetricProposal Failure(string reason, string context, string detail) =>
        MetricProposal.Failed(reason, $"{context}: {detail}", detail);

    private static MetricProposal Unsupported(string reason, string context, string detail) =>
        MetricProposal.Failed(reason, context.Length == 0 ? detail : $"{context}: {detail}", detail);
}
