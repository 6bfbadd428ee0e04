using System.Net;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Conversion;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests.Http;

/// <summary>HorizontalPodAutoscalers are served in autoscaling/v2 and v1, as on a 1.32 API server, and stored once.</summary>
public sealed class ServedVersionsTests : IClassFixture<TestCluster>
{
    private readonly TestCluster _cluster;

    public ServedVersionsTests(TestCluster cluster) => _cluster = cluster;

    private static string V1(string ns, string? name = null) => $"apis/autoscaling/v1/namespaces/{ns}/horizontalpodautoscalers{(name is null ? "" : "/" + name)}";

    private static string V2(string ns, string? name = null) => $"apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers{(name is null ? "" : "/" + name)}";

    private static string V1Hpa(string name, int? cpu = 50) => new JsonObject
    {
        ["apiVersion"] = "autoscaling/v1",
        ["kind"] = "HorizontalPodAutoscaler",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["scaleTargetRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = name },
            ["minReplicas"] = 1,
            ["maxReplicas"] = 3,
            ["targetCPUUtilizationPercentage"] = cpu,
        },
    }.ToJsonString();

    [Fact]
    public async Task Autoscaling_discovery_lists_v2_then_v1_and_prefers_v2()
    {
        var group = await _cluster.GetOkAsync("apis/autoscaling");
        var v1 = await _cluster.GetOkAsync("apis/autoscaling/v1");

        group["versions"]!.AsArray().Select(v => v!["groupVersion"]!.GetValue<string>()).Should().Equal("autoscaling/v2", "autoscaling/v1");
        group["preferredVersion"]!["version"]!.GetValue<string>().Should().Be("v2");
        v1["groupVersion"]!.GetValue<string>().Should().Be("autoscaling/v1");
        v1["resources"]!.AsArray().Select(r => $"{r!["name"]}:{r["kind"]}")
            .Should().Equal("horizontalpodautoscalers:HorizontalPodAutoscaler", "horizontalpodautoscalers/status:HorizontalPodAutoscaler");
    }

    [Fact]
    public async Task A_v1_autoscaler_is_stored_as_v2_and_read_back_in_either_version()
    {
        var ns = _cluster.NewNamespace();

        var (code, created) = await _cluster.SendAsync(HttpMethod.Post, V1(ns), V1Hpa("web"));
        var v2 = await _cluster.GetOkAsync(V2(ns, "web"));
        var v1 = await _cluster.GetOkAsync(V1(ns, "web"));
        var list = await _cluster.GetOkAsync(V1(ns));

        code.Should().Be(HttpStatusCode.Created);
        created.GetString("apiVersion").Should().Be("autoscaling/v1");
        v2.GetString("apiVersion").Should().Be("autoscaling/v2");
        v2["spec"]!["metrics"]!.ToJsonString().Should().Be("""[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}]""");
        v2["status"]!.ToJsonString().Should().Be("""{"desiredReplicas":0}""");
        v1.GetInt64("spec", "targetCPUUtilizationPercentage").Should().Be(50);
        v1["status"]!.ToJsonString().Should().Be("""{"currentReplicas":0,"desiredReplicas":0}""");
        list.GetString("kind").Should().Be("HorizontalPodAutoscalerList");
        list.GetString("apiVersion").Should().Be("autoscaling/v1");
        list["items"]![0]!["apiVersion"]!.GetValue<string>().Should().Be("autoscaling/v1");
        _cluster.Api.HorizontalPodAutoscalers.Get(ns, "web").GetString("apiVersion").Should().Be("autoscaling/v2");
    }

    [Fact]
    public async Task Writes_through_v1_keep_what_only_v2_can_say()
    {
        var ns = _cluster.NewNamespace();
        await _cluster.SendAsync(HttpMethod.Post, V2(ns), """
            {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
             "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"maxReplicas":4,
                     "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}},
                                {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"256Mi"}}}],
                     "behavior":{"scaleDown":{"stabilizationWindowSeconds":60}}}}
            """);

        var (patched, patchBody) = await _cluster.SendAsync(HttpMethod.Patch, V1(ns, "web"), """{"spec":{"targetCPUUtilizationPercentage":70}}""",
            "application/merge-patch+json");
        var read = await _cluster.GetOkAsync(V1(ns, "web"));
        read["spec"]!["maxReplicas"] = 5;
        var (replaced, _) = await _cluster.SendAsync(HttpMethod.Put, V1(ns, "web"), read.ToJsonString());

        patched.Should().Be(HttpStatusCode.OK, patchBody.ToJsonString());
        replaced.Should().Be(HttpStatusCode.OK);
        var stored = _cluster.Api.HorizontalPodAutoscalers.Get(ns, "web");
        stored.GetInt64("spec", "maxReplicas").Should().Be(5);
        stored["spec"]!["metrics"]!.AsArray().Select(m => $"{m!["resource"]!["name"]}").Should().BeEquivalentTo("memory", "cpu");
        stored["spec"]!["metrics"]!.AsArray().Single(m => m!["resource"]!["name"]!.GetValue<string>() == "cpu")!["resource"]!["target"]!["averageUtilization"]!
            .GetValue<int>().Should().Be(70);
        stored.GetInt64("spec", "behavior", "scaleDown", "stabilizationWindowSeconds").Should().Be(60);
        stored.GetString("spec", "behavior", "scaleUp", "selectPolicy").Should().Be("Max", "a given behavior is completed with the defaults");
        stored.GetNode("metadata", "annotations").Should().BeNull("round-trip annotations are never stored");
    }

    [Fact]
    public async Task The_body_decides_its_version_and_a_foreign_one_is_refused()
    {
        var ns = _cluster.NewNamespace();

        var (v2Body, _) = await _cluster.SendAsync(HttpMethod.Post, V1(ns), """
            {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"v2body"},
             "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":2,
                     "metrics":[{"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"1Gi"}}}]}}
            """);
        var (foreign, status) = await _cluster.SendAsync(HttpMethod.Post, V1(ns), """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"}}""");

        v2Body.Should().Be(HttpStatusCode.Created);
        _cluster.Api.HorizontalPodAutoscalers.Get(ns, "v2body")["spec"]!["metrics"]![0]!["resource"]!["name"]!.GetValue<string>().Should().Be("memory");
        foreign.Should().Be(HttpStatusCode.BadRequest);
        status.GetString("message").Should().Be("the API version in the data (apps/v1) does not match the expected API version (autoscaling/v1)");
    }

    [Fact]
    public async Task Watches_in_v1_carry_v1_objects()
    {
        var ns = _cluster.NewNamespace();
        await _cluster.SendAsync(HttpMethod.Post, V1(ns), V1Hpa("web"));
        using var deadline = new CancellationTokenSource(Deadlines.WatchEvent);
        using var response = await _cluster.Http.GetAsync($"{V1(ns)}?watch=true&timeoutSeconds=5", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));

        var added = JsonNode.Parse((await reader.ReadLineAsync(deadline.Token))!)!;
        _cluster.Api.HorizontalPodAutoscalers.Mutate(ns, "web", o => o.Ensure("status")["currentMetrics"] = JsonNode.Parse(
            """[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":33,"averageValue":"100m"}}}]"""), status: true);
        var modified = JsonNode.Parse((await reader.ReadLineAsync(deadline.Token))!)!;

        added["type"]!.GetValue<string>().Should().Be("ADDED");
        added["object"]!["apiVersion"]!.GetValue<string>().Should().Be("autoscaling/v1");
        modified["type"]!.GetValue<string>().Should().Be("MODIFIED");
        modified["object"]!["status"]!["currentCPUUtilizationPercentage"]!.GetValue<int>().Should().Be(33);
        modified["object"]!["metadata"]!["annotations"]![HorizontalPodAutoscalerV1Converter.CurrentMetricsAnnotation]!.GetValue<string>().Should().Contain("100m");
    }

    [Fact]
    public async Task Tables_in_v1_print_the_same_cells_and_carry_v1_objects()
    {
        var ns = _cluster.NewNamespace();
        await _cluster.SendAsync(HttpMethod.Post, V2(ns), V1Hpa("web", cpu: 60));

        var (_, table) = await _cluster.SendAsync(HttpMethod.Get, $"{V1(ns)}?includeObject=Object", accept: "application/json;as=Table;v=v1;g=meta.k8s.io");

        table.GetString("kind").Should().Be("Table");
        table["rows"]![0]!["cells"]![1]!.GetValue<string>().Should().Be("Deployment/web");
        table["rows"]![0]!["object"]!["apiVersion"]!.GetValue<string>().Should().Be("autoscaling/v1");
        table["rows"]![0]!["object"]!["spec"]!["targetCPUUtilizationPercentage"]!.GetValue<int>().Should().Be(60);
    }

    [Fact]
    public async Task A_protobuf_v1_autoscaler_from_kubectl_is_decoded_and_stored()
    {
        var ns = _cluster.NewNamespace();
        var hpa = new ProtoWriter()
            .Message(1, new ProtoWriter().String(1, "web").String(3, ns))
            .Message(2, new ProtoWriter()
                .Message(1, new ProtoWriter().String(1, "Deployment").String(2, "web").String(3, "apps/v1"))
                .Int(2, 1).Int(3, 3).Int(4, 50));
        using var request = new HttpRequestMessage(HttpMethod.Post, V1(ns))
        {
            Content = new ByteArrayContent(ProtoWriter.KubernetesObject("autoscaling/v1", "HorizontalPodAutoscaler", hpa)),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.kubernetes.protobuf");

        using var response = await _cluster.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        _cluster.Api.HorizontalPodAutoscalers.Get(ns, "web")["spec"]!["metrics"]![0]!["resource"]!["target"]!["averageUtilization"]!.GetValue<int>().Should().Be(50);
    }
}
