using System.Text.Json;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Conversion;

/// <summary>
/// autoscaling/v1 HorizontalPodAutoscalers over the stored autoscaling/v2 ones, converted as the API
/// server converts them (pkg/apis/autoscaling/v1/conversion.go): the CPU utilization target and
/// current value map to <c>targetCPUUtilizationPercentage</c> / <c>currentCPUUtilizationPercentage</c>;
/// what v1 cannot say travels in annotations (<c>autoscaling.alpha.kubernetes.io/metrics</c>,
/// <c>current-metrics</c>, <c>conditions</c>, <c>behavior</c>), which a v1 write turns back into v2
/// fields. A v1 autoscaler with no metric at all gets the implicit CPU target of 80%.
/// </summary>
public sealed class HorizontalPodAutoscalerV1Converter : IVersionConverter
{
    /// <summary>Annotation carrying the v2 metric specs v1 cannot express.</summary>
    public const string MetricsAnnotation = "autoscaling.alpha.kubernetes.io/metrics";

    /// <summary>Annotation carrying every current metric status.</summary>
    public const string CurrentMetricsAnnotation = "autoscaling.alpha.kubernetes.io/current-metrics";

    /// <summary>Annotation carrying the status conditions.</summary>
    public const string ConditionsAnnotation = "autoscaling.alpha.kubernetes.io/conditions";

    /// <summary>Annotation carrying spec.behavior.</summary>
    public const string BehaviorAnnotation = "autoscaling.alpha.kubernetes.io/behavior";

    /// <summary>The CPU utilization an autoscaler without metrics aims at.</summary>
    public const int DefaultCpuUtilization = 80;

    private static readonly string[] RoundTripAnnotations = [MetricsAnnotation, CurrentMetricsAnnotation, ConditionsAnnotation, BehaviorAnnotation];

    /// <summary>The one instance (the converter has no state).</summary>
    public static HorizontalPodAutoscalerV1Converter Instance { get; } = new();

    /// <inheritdoc />
    public JsonObject FromStorage(JsonObject stored)
    {
        var metadata = stored["metadata"]?.DeepClone().AsObject() ?? [];
        var annotations = WithoutRoundTripAnnotations(metadata);
        var spec = stored["spec"] as JsonObject ?? [];
        var status = stored["status"] as JsonObject ?? [];
        var metrics = (spec["metrics"] as JsonArray ?? []).OfType<JsonObject>().ToList();

        var v1Spec = new JsonObject { ["scaleTargetRef"] = spec["scaleTargetRef"]?.DeepClone() ?? new JsonObject() };
        Copy(spec, v1Spec, "minReplicas");
        v1Spec["maxReplicas"] = spec["maxReplicas"]?.DeepClone() ?? 0;
        if (metrics.FirstOrDefault(IsCpuUtilization) is { } cpu)
        {
            v1Spec["targetCPUUtilizationPercentage"] = cpu.GetNode("resource", "target", "averageUtilization")!.DeepClone();
        }

        // currentReplicas and desiredReplicas have no omitempty in v1: a fresh autoscaler reports zeros.
        var v1Status = new JsonObject();
        Copy(status, v1Status, "observedGeneration");
        Copy(status, v1Status, "lastScaleTime");
        v1Status["currentReplicas"] = status["currentReplicas"]?.DeepClone() ?? 0;
        v1Status["desiredReplicas"] = status["desiredReplicas"]?.DeepClone() ?? 0;
        var currentMetrics = (status["currentMetrics"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        foreach (var current in currentMetrics.Where(m => m.GetString("type") == "Resource" && m.GetString("resource", "name") == "cpu"))
        {
            if (current.GetNode("resource", "current", "averageUtilization") is { } utilization)
            {
                v1Status["currentCPUUtilizationPercentage"] = utilization.DeepClone();
            }
        }

        var others = metrics.Where(m => !IsCpuUtilization(m)).Select(HpaV1Metrics.SpecToV1).ToList();
        if (others.Count > 0)
        {
            annotations[MetricsAnnotation] = Encode(new JsonArray([.. others]));
        }

        if (currentMetrics.Count > 0)
        {
            annotations[CurrentMetricsAnnotation] = Encode(new JsonArray([.. currentMetrics.Select(HpaV1Metrics.StatusToV1)]));
        }

        if (spec["behavior"] is JsonObject behavior)
        {
            annotations[BehaviorAnnotation] = Encode(HpaBehaviorAnnotation.Encode(behavior));
        }

        if (status["conditions"] is JsonArray { Count: > 0 } conditions)
        {
            annotations[ConditionsAnnotation] = Encode(new JsonArray([.. conditions.OfType<JsonObject>().Select(HpaV1Metrics.ConditionToV1)]));
        }

        SetAnnotations(metadata, annotations);
        return new JsonObject
        {
            ["kind"] = stored["kind"]?.DeepClone() ?? "HorizontalPodAutoscaler",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = metadata,
            ["spec"] = v1Spec,
            ["status"] = v1Status,
        };
    }

    /// <inheritdoc />
    public JsonObject ToStorage(JsonObject served)
    {
        var metadata = served["metadata"]?.DeepClone().AsObject() ?? [];
        var annotations = metadata["annotations"] as JsonObject ?? [];
        var spec = served["spec"] as JsonObject ?? [];
        var status = served["status"] as JsonObject ?? [];

        var v2Spec = new JsonObject { ["scaleTargetRef"] = spec["scaleTargetRef"]?.DeepClone() ?? new JsonObject() };
        Copy(spec, v2Spec, "minReplicas");
        v2Spec["maxReplicas"] = spec["maxReplicas"]?.DeepClone() ?? 0;
        var metrics = new JsonArray();
        if (Decode(annotations, MetricsAnnotation) is JsonArray others)
        {
            foreach (var metric in others.OfType<JsonObject>())
            {
                metrics.Add(HpaV1Metrics.SpecFromV1(metric));
            }
        }

        if (spec["targetCPUUtilizationPercentage"] is { } target)
        {
            metrics.Add(CpuUtilization(target.DeepClone()));
        }

        if (metrics.Count == 0)
        {
            // v1 had an implicit CPU target; v2 states it.
            metrics.Add(CpuUtilization(DefaultCpuUtilization));
        }

        v2Spec["metrics"] = metrics;
        if (Decode(annotations, BehaviorAnnotation) is JsonObject encoded && HpaBehaviorAnnotation.Decode(encoded) is { } behavior)
        {
            v2Spec["behavior"] = behavior;
        }

        var v2Status = new JsonObject();
        Copy(status, v2Status, "observedGeneration");
        Copy(status, v2Status, "lastScaleTime");
        Copy(status, v2Status, "currentReplicas");
        v2Status["desiredReplicas"] = status["desiredReplicas"]?.DeepClone() ?? 0;
        if (Decode(annotations, CurrentMetricsAnnotation) is JsonArray current)
        {
            v2Status["currentMetrics"] = new JsonArray([.. current.OfType<JsonObject>().Select(HpaV1Metrics.StatusFromV1)]);
        }
        else if (status["currentCPUUtilizationPercentage"] is { } utilization)
        {
            v2Status["currentMetrics"] = new JsonArray(new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject { ["name"] = "cpu", ["current"] = new JsonObject { ["averageUtilization"] = utilization.DeepClone() } },
            });
        }

        if (Decode(annotations, ConditionsAnnotation) is JsonArray conditions)
        {
            v2Status["conditions"] = new JsonArray([.. conditions.OfType<JsonObject>().Select(c => (JsonNode)c.DeepClone())]);
        }

        SetAnnotations(metadata, WithoutRoundTripAnnotations(metadata));
        return new JsonObject
        {
            ["kind"] = served["kind"]?.DeepClone() ?? "HorizontalPodAutoscaler",
            ["apiVersion"] = "autoscaling/v2",
            ["metadata"] = metadata,
            ["spec"] = v2Spec,
            ["status"] = v2Status,
        };
    }

    /// <summary>A v2 Resource metric targeting CPU utilization.</summary>
    private static JsonObject CpuUtilization(JsonNode percent) => new()
    {
        ["type"] = "Resource",
        ["resource"] = new JsonObject
        {
            ["name"] = "cpu",
            ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = percent },
        },
    };

    private static bool IsCpuUtilization(JsonObject metric) =>
        metric.GetString("type") == "Resource" && metric.GetString("resource", "name") == "cpu"
        && metric.GetNode("resource", "target", "averageUtilization") is not null;

    private static JsonObject WithoutRoundTripAnnotations(JsonObject metadata)
    {
        var annotations = metadata["annotations"]?.DeepClone().AsObject() ?? [];
        foreach (var key in RoundTripAnnotations)
        {
            annotations.Remove(key);
        }

        return annotations;
    }

    private static void SetAnnotations(JsonObject metadata, JsonObject annotations)
    {
        if (annotations.Count > 0)
        {
            metadata["annotations"] = annotations;
        }
        else
        {
            metadata.Remove("annotations");
        }
    }

    private static void Copy(JsonObject from, JsonObject to, string field)
    {
        if (from[field] is { } value)
        {
            to[field] = value.DeepClone();
        }
    }

    private static string Encode(JsonNode value) => value.ToJsonString(JsonDefaults.Options);

    /// <summary>An annotation's JSON; null when absent or not JSON (the API server ignores what it cannot parse).</summary>
    private static JsonNode? Decode(JsonObject annotations, string key)
    {
        if (annotations[key] is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
