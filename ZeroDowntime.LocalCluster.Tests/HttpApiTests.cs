using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests;

public sealed class HttpApiTests : IClassFixture<TestCluster>
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    private readonly TestCluster _cluster;

    public HttpApiTests(TestCluster cluster) => _cluster = cluster;

    private HttpClient Http => _cluster.Http;

    private async Task<(HttpStatusCode Code, JsonObject Body, string ContentType)> SendAsync(HttpMethod method, string path, string? body = null,
        string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "any-token");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject(), response.Content.Headers.ContentType?.MediaType ?? "");
    }

    [Fact]
    public async Task Core_discovery_advertises_pods_eviction_as_policy_v1_and_short_names()
    {
        var (code, body, _) = await SendAsync(HttpMethod.Get, "api/v1");

        code.Should().Be(HttpStatusCode.OK);
        var resources = body["resources"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var eviction = resources.Single(r => r["name"]!.GetValue<string>() == "pods/eviction");
        eviction["group"]!.GetValue<string>().Should().Be("policy");
        eviction["version"]!.GetValue<string>().Should().Be("v1");
        eviction["kind"]!.GetValue<string>().Should().Be("Eviction");
        resources.Single(r => r["name"]!.GetValue<string>() == "pods")["shortNames"]![0]!.GetValue<string>().Should().Be("po");
        resources.Select(r => r["name"]!.GetValue<string>()).Should().Contain(["pods/log", "pods/status", "nodes/status", "services/proxy"]);
    }

    [Fact]
    public async Task Apps_discovery_advertises_scale_as_autoscaling_v1()
    {
        var (_, body, _) = await SendAsync(HttpMethod.Get, "apis/apps/v1");

        var scale = body["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "deployments/scale")!;
        scale["group"]!.GetValue<string>().Should().Be("autoscaling");
        scale["kind"]!.GetValue<string>().Should().Be("Scale");
    }

    [Fact]
    public async Task Apis_answers_a_plain_group_list_even_when_aggregated_discovery_is_asked()
    {
        var (code, body, contentType) = await SendAsync(HttpMethod.Get, "apis",
            accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");

        code.Should().Be(HttpStatusCode.OK);
        contentType.Should().Be("application/json");
        body["kind"]!.GetValue<string>().Should().Be("APIGroupList");
        body["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).Should().Contain(["apps", "policy", "batch", "autoscaling"]);
    }

    [Fact]
    public async Task Pod_tables_have_kubectl_columns_and_partial_object_metadata_rows()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Pods.Create(Objects.Pod(ns, "p"));
        _cluster.Api.Pods.Mutate(ns, "p", p => p["status"] = JsonNode.Parse("""
            {"phase":"Running","podIP":"10.244.1.5","conditions":[{"type":"Ready","status":"True"}],
             "containerStatuses":[{"name":"app","ready":true,"restartCount":2,"state":{"running":{}}}]}
            """), status: true);

        var (_, table, _) = await SendAsync(HttpMethod.Get, $"api/v1/namespaces/{ns}/pods", accept: TableAccept);

        table["kind"]!.GetValue<string>().Should().Be("Table");
        table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should()
            .Equal("Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates");
        var row = table["rows"]![0]!;
        row["cells"]!.AsArray().Take(4).Select(c => c!.ToString()).Should().Equal("p", "1/1", "Running", "2");
        row["cells"]![5]!.ToString().Should().Be("10.244.1.5");
        row["object"]!["kind"]!.GetValue<string>().Should().Be("PartialObjectMetadata");
    }

    [Fact]
    public async Task A_terminating_pod_shows_terminating_and_a_cordoned_node_scheduling_disabled()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Pods.Create(Objects.Pod(ns, "p", grace: 600));
        _cluster.Api.Pods.Delete(ns, "p");
        var (_, pods, _) = await SendAsync(HttpMethod.Get, $"api/v1/namespaces/{ns}/pods/p", accept: TableAccept);
        pods["rows"]![0]!["cells"]![2]!.ToString().Should().Be("Terminating");

        var (code, _, _) = await SendAsync(HttpMethod.Patch, "api/v1/nodes/zd-node-3", """{"spec":{"unschedulable":true}}""",
            "application/strategic-merge-patch+json");
        code.Should().Be(HttpStatusCode.OK);
        var (_, nodes, _) = await SendAsync(HttpMethod.Get, "api/v1/nodes/zd-node-3", accept: TableAccept);
        nodes["rows"]![0]!["cells"]![1]!.ToString().Should().Be("Ready,SchedulingDisabled");
        await SendAsync(HttpMethod.Patch, "api/v1/nodes/zd-node-3", """{"spec":{"unschedulable":null}}""", "application/strategic-merge-patch+json");
        _cluster.Api.Pods.Delete(ns, "p", new V1DeleteOptions { GracePeriodSeconds = 0 });
    }

    [Fact]
    public async Task Errors_are_status_objects_with_the_api_server_codes()
    {
        var (notFound, status, _) = await SendAsync(HttpMethod.Get, "api/v1/namespaces/default/pods/nope");
        notFound.Should().Be(HttpStatusCode.NotFound);
        status["kind"]!.GetValue<string>().Should().Be("Status");
        status["message"]!.GetValue<string>().Should().Be("pods \"nope\" not found");
        status["details"]!["name"]!.GetValue<string>().Should().Be("nope");
        status["details"]!["kind"]!.GetValue<string>().Should().Be("pods");

        var (badField, fieldStatus, _) = await SendAsync(HttpMethod.Get, "api/v1/pods?fieldSelector=foo%3Dbar");
        badField.Should().Be(HttpStatusCode.BadRequest);
        fieldStatus["message"]!.GetValue<string>().Should().Be("field label not supported: foo");

        var (unsupported, _, _) = await SendAsync(HttpMethod.Patch, "api/v1/nodes/zd-node-1", "{}", "application/apply-patch+yaml");
        unsupported.Should().Be(HttpStatusCode.UnsupportedMediaType);

        var (notAllowed, _, _) = await SendAsync(HttpMethod.Put, "api/v1/namespaces/default/pods", "{}");
        notAllowed.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_protobuf_delete_body_is_ignored_and_the_answer_is_json()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Pods.Create(Objects.Pod(ns, "p", node: null));
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/v1/namespaces/{ns}/pods/p")
        {
            Content = new ByteArrayContent([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x0c]),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/vnd.kubernetes.protobuf");

        using var response = await Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        _cluster.Api.Pods.TryGet(ns, "p").Should().BeNull();
    }

    [Fact]
    public async Task Put_with_a_stale_resource_version_is_409_and_status_put_changes_only_status()
    {
        var ns = _cluster.NewNamespace();
        var pod = _cluster.Api.Pods.Create(Objects.Pod(ns, "p"));
        _cluster.Api.Pods.Mutate(ns, "p", p => p.Ensure("metadata", "labels")["x"] = "y");

        var (conflict, _, _) = await SendAsync(HttpMethod.Put, $"api/v1/namespaces/{ns}/pods/p", pod.ToJsonString());
        conflict.Should().Be(HttpStatusCode.Conflict);

        var current = _cluster.Api.Pods.Get(ns, "p");
        current["status"]!["phase"] = "Running";
        current["spec"]!["nodeName"] = "elsewhere";
        var (ok, updated, _) = await SendAsync(HttpMethod.Put, $"api/v1/namespaces/{ns}/pods/p/status", current.ToJsonString());
        ok.Should().Be(HttpStatusCode.OK);
        updated["status"]!["phase"]!.GetValue<string>().Should().Be("Running");
        updated["spec"]!["nodeName"]!.GetValue<string>().Should().Be("zd-node-1");
    }

    [Fact]
    public async Task List_pages_carry_continue_tokens_and_the_list_resource_version()
    {
        var ns = _cluster.NewNamespace();
        for (var i = 0; i < 5; i++)
        {
            _cluster.Api.Pods.Create(Objects.Pod(ns, $"p{i}"));
        }

        var (_, first, _) = await SendAsync(HttpMethod.Get, $"api/v1/namespaces/{ns}/pods?limit=2");
        var token = first["metadata"]!["continue"]!.GetValue<string>();
        var (_, second, _) = await SendAsync(HttpMethod.Get, $"api/v1/namespaces/{ns}/pods?limit=10&continue={Uri.EscapeDataString(token)}");

        first["kind"]!.GetValue<string>().Should().Be("PodList");
        first["metadata"]!["resourceVersion"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        first["metadata"]!["remainingItemCount"]!.GetValue<long>().Should().Be(3);
        second["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).Should().Equal("p2", "p3", "p4");
        second["metadata"]!["continue"].Should().BeNull();
    }

    [Fact]
    public async Task Version_and_health_endpoints_answer()
    {
        var (code, version, _) = await SendAsync(HttpMethod.Get, "version");
        code.Should().Be(HttpStatusCode.OK);
        version["minor"]!.GetValue<string>().Should().Be("32");
        (await Http.GetStringAsync("readyz")).Should().Be("ok");
    }

    [Fact]
    public async Task Eviction_is_a_501_stub_until_a_handler_is_registered()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Pods.Create(Objects.Pod(ns, "p"));

        var (code, status, _) = await SendAsync(HttpMethod.Post, $"api/v1/namespaces/{ns}/pods/p/eviction",
            """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"p"}}""");

        code.Should().Be(HttpStatusCode.NotImplemented);
        status["message"]!.GetValue<string>().Should().Be("pods/eviction is not implemented by the local cluster yet");
    }
}
