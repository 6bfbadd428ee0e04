using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Conversion;

namespace ZeroDowntime.LocalCluster.Tests.Conversion;

/// <summary>autoscaling/v1 views of stored autoscaling/v2 autoscalers, converted as the API server converts them.</summary>
public sealed class HorizontalPodAutoscalerV1ConverterTests
{
    private static readonly HorizontalPodAutoscalerV1Converter Converter = HorizontalPodAutoscalerV1Converter.Instance;

    private static JsonObject StoredV2() => JsonNode.Parse("""
        {
          "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
          "metadata": {"name": "web", "namespace": "demo", "resourceVersion": "7", "annotations": {"team": "serving"}},
          "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
            "minReplicas": 2, "maxReplicas": 6,
            "metrics": [
              {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}},
              {"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue", "averageValue": "500Mi"}}}
            ],
            "behavior": {"scaleUp": {"stabilizationWindowSeconds": 0, "selectPolicy": "Max", "policies": [{"type": "Pods", "value": 4, "periodSeconds": 15}]}}
          },
          "status": {
            "observedGeneration": 1, "currentReplicas": 2, "desiredReplicas": 3,
            "currentMetrics": [{"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 42, "averageValue": "210m"}}}],
            "conditions": [{"type": "AbleToScale", "status": "True", "lastTransitionTime": "2025-01-01T00:00:00Z", "reason": "ReadyForNewScale", "message": "recommended size matches current size"}]
          }
        }
        """)!.AsObject();

    [Fact]
    public void Cpu_utilization_maps_to_the_v1_fields_and_the_rest_to_round_trip_annotations()
    {
        var v1 = Converter.FromStorage(StoredV2());

        v1.GetString("apiVersion").Should().Be("autoscaling/v1");
        v1.GetInt64("spec", "targetCPUUtilizationPercentage").Should().Be(50);
        v1.GetInt64("spec", "minReplicas").Should().Be(2);
        v1.GetInt64("spec", "maxReplicas").Should().Be(6);
        v1.GetString("spec", "scaleTargetRef", "name").Should().Be("web");
        v1.GetNode("spec", "metrics").Should().BeNull();
        v1.GetInt64("status", "currentCPUUtilizationPercentage").Should().Be(42);
        v1.GetInt64("status", "currentReplicas").Should().Be(2);
        v1.GetInt64("status", "desiredReplicas").Should().Be(3);
        var annotations = v1["metadata"]!["annotations"]!.AsObject();
        annotations["team"]!.GetValue<string>().Should().Be("serving");
        annotations[HorizontalPodAutoscalerV1Converter.MetricsAnnotation]!.GetValue<string>()
            .Should().Be("""[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"500Mi"}}]""");
        annotations[HorizontalPodAutoscalerV1Converter.CurrentMetricsAnnotation]!.GetValue<string>()
            .Should().Be("""[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":42,"currentAverageValue":"210m"}}]""");
        annotations[HorizontalPodAutoscalerV1Converter.BehaviorAnnotation]!.GetValue<string>()
            .Should().Be("""{"ScaleUp":{"StabilizationWindowSeconds":0,"SelectPolicy":"Max","Policies":[{"Type":"Pods","Value":4,"PeriodSeconds":15}]},"ScaleDown":null}""");
        annotations[HorizontalPodAutoscalerV1Converter.ConditionsAnnotation]!.GetValue<string>()
            .Should().Be("""[{"type":"AbleToScale","status":"True","lastTransitionTime":"2025-01-01T00:00:00Z","reason":"ReadyForNewScale","message":"recommended size matches current size"}]""");
    }

    [Fact]
    public void Writing_the_v1_view_back_restores_the_v2_object()
    {
        var original = StoredV2();

        var back = Converter.ToStorage(Converter.FromStorage(original));

        back.GetString("apiVersion").Should().Be("autoscaling/v2");
        // As the API server: metrics from the annotation first, then the CPU target.
        back["spec"]!["metrics"]!.AsArray().Select(m => m!["resource"]!["name"]!.GetValue<string>()).Should().Equal("memory", "cpu");
        JsonNode.DeepEquals(back["spec"]!["metrics"]![0], original["spec"]!["metrics"]![1]).Should().BeTrue();
        JsonNode.DeepEquals(back["spec"]!["metrics"]![1], original["spec"]!["metrics"]![0]).Should().BeTrue();
        JsonNode.DeepEquals(back["spec"]!["behavior"], original["spec"]!["behavior"]).Should().BeTrue();
        JsonNode.DeepEquals(back["status"]!["conditions"], original["status"]!["conditions"]).Should().BeTrue();
        JsonNode.DeepEquals(back["status"]!["currentMetrics"], original["status"]!["currentMetrics"]).Should().BeTrue();
        back["metadata"]!["annotations"]!.AsObject().Select(a => a.Key).Should().Equal("team");
    }

    [Fact]
    public void A_v1_autoscaler_without_a_target_aims_at_80_percent_cpu()
    {
        var v1 = JsonNode.Parse("""
            {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
             "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":3}}
            """)!.AsObject();

        var v2 = Converter.ToStorage(v1);

        v2["spec"]!["metrics"]!.ToJsonString().Should().Be("""[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}}]""");
        v2.GetNode("spec", "behavior").Should().BeNull();
    }

    [Fact]
    public void A_fresh_autoscaler_reports_zero_replicas_in_v1_and_no_annotations()
    {
        var stored = JsonNode.Parse("""
            {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
             "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":3,
                     "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":60}}}]}}
            """)!.AsObject();

        var v1 = Converter.FromStorage(stored);

        v1["status"]!.ToJsonString().Should().Be("""{"currentReplicas":0,"desiredReplicas":0}""");
        v1.GetNode("metadata", "annotations").Should().BeNull();
    }

    [Fact]
    public void Stale_round_trip_annotations_are_replaced_by_the_ones_the_object_implies()
    {
        var stored = StoredV2();
        stored["metadata"]!["annotations"]![HorizontalPodAutoscalerV1Converter.MetricsAnnotation] = "[]";
        stored["spec"]!.AsObject().Remove("behavior");

        var v1 = Converter.FromStorage(stored);

        var annotations = v1["metadata"]!["annotations"]!.AsObject();
        annotations[HorizontalPodAutoscalerV1Converter.MetricsAnnotation]!.GetValue<string>().Should().Contain("memory");
        annotations.ContainsKey(HorizontalPodAutoscalerV1Converter.BehaviorAnnotation).Should().BeFalse();
    }

    [Fact]
    public void The_behavior_annotation_is_read_case_insensitively_as_go_does()
    {
        var v1 = JsonNode.Parse("""
            {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web","annotations":{
               "autoscaling.alpha.kubernetes.io/behavior":"{\"scaledown\":{\"stabilizationwindowseconds\":60,\"SelectPolicy\":null}}"}},
             "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":3,"targetCPUUtilizationPercentage":70}}
            """)!.AsObject();

        var v2 = Converter.ToStorage(v1);

        v2["spec"]!["behavior"]!.ToJsonString().Should().Be("""{"scaleDown":{"stabilizationWindowSeconds":60}}""");
        v2.GetNode("metadata", "annotations").Should().BeNull();
    }

    [Fact]
    public void Pods_object_and_external_metrics_survive_the_round_trip()
    {
        var stored = StoredV2();
        stored["spec"]!["metrics"] = JsonNode.Parse("""
            [
              {"type":"Pods","pods":{"metric":{"name":"rps"},"target":{"type":"AverageValue","averageValue":"10"}}},
              {"type":"Object","object":{"describedObject":{"apiVersion":"v1","kind":"Service","name":"web"},"metric":{"name":"latency"},"target":{"type":"Value","value":"200m"}}},
              {"type":"External","external":{"metric":{"name":"queue","selector":{"matchLabels":{"q":"jobs"}}},"target":{"type":"AverageValue","averageValue":"30"}}}
            ]
            """);

        var v1 = Converter.FromStorage(stored);
        var back = Converter.ToStorage(v1);

        v1.GetNode("spec", "targetCPUUtilizationPercentage").Should().BeNull();
        v1["metadata"]!["annotations"]![HorizontalPodAutoscalerV1Converter.MetricsAnnotation]!.GetValue<string>().Should().Be(
            """[{"type":"Pods","pods":{"metricName":"rps","targetAverageValue":"10"}},""" +
            """{"type":"Object","object":{"target":{"apiVersion":"v1","kind":"Service","name":"web"},"metricName":"latency","targetValue":"200m"}},""" +
            """{"type":"External","external":{"metricName":"queue","metricSelector":{"matchLabels":{"q":"jobs"}},"targetAverageValue":"30"}}]""");
        JsonNode.DeepEquals(back["spec"]!["metrics"], stored["spec"]!["metrics"]).Should().BeTrue(back["spec"]!["metrics"]!.ToJsonString());
    }
}
