using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Http.Protobuf;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests.Http;

/// <summary>Protobuf request bodies of the kinds kubectl's typed clients create.</summary>
public sealed class ProtobufBodyTests
{
    private static ProtoWriter Metadata(string name) => new ProtoWriter()
        .String(1, name).String(2, "").String(3, "demo").String(6, "").Int(7, 0)
        .Message(8, new ProtoWriter())
        .Message(11, new ProtoWriter().String(1, "app").String(2, "web"))
        .Message(11, new ProtoWriter().String(1, "tier").String(2, "front"));

    [Fact]
    public void An_autoscaling_v1_hpa_decodes_to_its_json_form()
    {
        var hpa = new ProtoWriter()
            .Message(1, Metadata("web"))
            .Message(2, new ProtoWriter()
                .Message(1, new ProtoWriter().String(1, "Deployment").String(2, "web").String(3, "apps/v1"))
                .Int(2, 1).Int(3, 3).Int(4, 50))
            .Message(3, new ProtoWriter().Int(3, 0).Int(4, 0));

        var json = KubeProtobuf.TryDecode(ProtoWriter.KubernetesObject("autoscaling/v1", "HorizontalPodAutoscaler", hpa))!;

        json["metadata"]!.ToJsonString().Should().Be("""{"name":"web","namespace":"demo","generation":0,"labels":{"app":"web","tier":"front"}}""",
            "empty strings and a zero time mean unset");
        json["spec"]!.ToJsonString().Should().Be(
            """{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},"minReplicas":1,"maxReplicas":3,"targetCPUUtilizationPercentage":50}""");
        json["status"]!.ToJsonString().Should().Be("""{"currentReplicas":0,"desiredReplicas":0}""");
        json.GetString("apiVersion").Should().Be("autoscaling/v1");
        json.GetString("kind").Should().Be("HorizontalPodAutoscaler");
    }

    [Fact]
    public void Kinds_without_a_descriptor_are_not_decoded()
    {
        var body = ProtoWriter.KubernetesObject("v1", "ConfigMap", new ProtoWriter().Message(1, Metadata("settings")));

        KubeProtobuf.TryDecode(body).Should().BeNull();
        KubeProtobuf.TryDecode("{\"kind\":\"Pod\"}"u8).Should().BeNull("JSON is not protobuf");
    }

    [Fact]
    public void A_truncated_message_is_a_format_error()
    {
        var body = ProtoWriter.KubernetesObject("autoscaling/v1", "HorizontalPodAutoscaler", new ProtoWriter().Message(1, Metadata("web")));

        var act = () => KubeProtobuf.TryDecode(body.AsSpan(0, body.Length - 3));

        act.Should().Throw<FormatException>();
    }
}
