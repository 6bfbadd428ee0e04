using System.Text;
using System.Text.Json;
using FluentAssertions;
using k8s.Models;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>KubeJson: the library's wire format for k8s.Models, usable with strings, UTF-8, JsonNode and JsonElement.</summary>
public class KubeJsonTests
{
    [Fact]
    public void Nulls_are_omitted_and_names_are_camel_case()
    {
        var pod = new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = new V1ObjectMeta { Name = "p" }, Status = new V1PodStatus { PodIP = "10.1.1.1" } };

        KubeJson.Serialize(pod).Should().Be("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"podIP":"10.1.1.1"}}""");
    }

    [Fact]
    public void Timestamps_are_written_in_utc_like_the_api_server()
    {
        var meta = new V1ObjectMeta { CreationTimestamp = new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc) };

        KubeJson.Serialize(meta).Should().Be("""{"creationTimestamp":"2024-05-01T10:00:00Z"}""");
        KubeJson.Deserialize<V1ObjectMeta>("""{"creationTimestamp":"2024-05-01T10:00:00Z"}""").CreationTimestamp
            .Should().Be(new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void IntOrString_keeps_numbers_as_numbers_and_strings_as_strings()
    {
        var strategy = KubeJson.Deserialize<V1RollingUpdateDeployment>("""{"maxSurge":1,"maxUnavailable":"25%"}""");

        strategy.MaxSurge!.Value.Should().Be("1");
        strategy.MaxUnavailable!.Value.Should().Be("25%");
        KubeJson.Serialize(strategy).Should().Be("""{"maxSurge":1,"maxUnavailable":"25%"}""");
    }

    [Fact]
    public void A_model_round_trips_through_JsonNode_Utf8_and_JsonElement()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "w", Labels = new Dictionary<string, string> { ["ray.io/node-type"] = "worker" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i", Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m") } } }] },
        };

        var node = KubeJson.ToJsonObject(pod);
        var fromNode = KubeJson.Deserialize<V1Pod>(node);
        var fromBytes = KubeJson.Deserialize<V1Pod>(KubeJson.SerializeToUtf8Bytes(pod).AsSpan());
        var fromElement = KubeJson.Deserialize<V1Pod>(JsonDocument.Parse(KubeJson.Serialize(pod)).RootElement);

        node["spec"]!["containers"]![0]!["resources"]!["limits"]!["cpu"]!.GetValue<string>().Should().Be("500m");
        foreach (var copy in new[] { fromNode, fromBytes, fromElement })
        {
            copy.Metadata.Labels["ray.io/node-type"].Should().Be("worker");
            copy.Spec.Containers[0].Resources.Limits["cpu"].ToString().Should().Be("500m");
        }
    }

    [Fact]
    public void Null_and_malformed_json_throw_JsonException()
    {
        FluentActions.Invoking(() => KubeJson.Deserialize<V1Pod>("null")).Should().Throw<JsonException>().WithMessage("Expected a V1Pod, found null.");
        FluentActions.Invoking(() => KubeJson.Deserialize<V1Pod>(Encoding.UTF8.GetBytes("{").AsSpan())).Should().Throw<JsonException>();
        KubeJson.Options.IsReadOnly.Should().BeTrue();
    }
}
