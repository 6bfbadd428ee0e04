using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Tests.Controllers.Support;

namespace ZeroDowntime.LocalCluster.Tests.Cluster;

/// <summary>Pod QoS classes by Kubernetes' rules, set by the API server when the pod is created.</summary>
public sealed class PodQosTests
{
    private static JsonObject Container(string name, string? requests = null, string? limits = null) => new()
    {
        ["name"] = name,
        ["image"] = "zd/app:1",
        ["resources"] = new JsonObject
        {
            ["requests"] = requests is null ? null : JsonNode.Parse(requests),
            ["limits"] = limits is null ? null : JsonNode.Parse(limits),
        },
    };

    private static JsonObject Spec(params JsonObject[] containers) => new() { ["containers"] = new JsonArray([.. containers]) };

    [Fact]
    public void No_cpu_or_memory_anywhere_is_best_effort() =>
        PodQos.Of(Spec(Container("a"), Container("b", requests: """{"ephemeral-storage":"1Gi"}"""))).Should().Be("BestEffort");

    [Fact]
    public void Limits_equal_to_requests_for_cpu_and_memory_in_every_container_is_guaranteed() =>
        PodQos.Of(Spec(
            Container("a", requests: """{"cpu":"1","memory":"1Gi"}""", limits: """{"cpu":"1000m","memory":"1024Mi"}"""),
            Container("b", limits: """{"cpu":"250m","memory":"64Mi"}"""))).Should().Be("Guaranteed", "1 equals 1000m, and a missing request defaults to the limit");

    [Fact]
    public void Requests_below_limits_are_burstable() =>
        PodQos.Of(Spec(Container("a", requests: """{"cpu":"100m","memory":"64Mi"}""", limits: """{"cpu":"200m","memory":"64Mi"}"""))).Should().Be("Burstable");

    [Fact]
    public void One_container_without_limits_makes_the_pod_burstable() =>
        PodQos.Of(Spec(Container("a", limits: """{"cpu":"1","memory":"1Gi"}"""), Container("b"))).Should().Be("Burstable");

    [Fact]
    public void Init_containers_count()
    {
        var spec = Spec(Container("a", limits: """{"cpu":"1","memory":"1Gi"}"""));
        spec["initContainers"] = new JsonArray(Container("init", requests: """{"cpu":"1"}"""));

        PodQos.Of(spec).Should().Be("Burstable");
    }

    [Fact]
    public void A_created_pod_gets_its_class_and_requests_defaulted_from_limits()
    {
        var api = TestApi.Create(nodes: 1);
        var created = api.Pods.Create(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "sized", ["namespace"] = "default" },
            ["spec"] = Spec(Container("app", limits: """{"cpu":"500m","memory":"128Mi"}""")),
        });

        created.GetString("status", "qosClass").Should().Be("Guaranteed");
        var requests = created["spec"]!["containers"]![0]!["resources"]!["requests"]!;
        requests["cpu"]!.GetValue<string>().Should().Be("500m");
        requests["memory"]!.GetValue<string>().Should().Be("128Mi");
    }
}
