using ZeroDowntime.Kubernetes.Legacy;
using System.Text.Json.Nodes;
using FluentAssertions;
using ZeroDowntime.Kubernetes.Legacy.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

public class ObjectOperationTests
{
    private static Pod PodNamed(string name, string rv = "1", string ns = "default") =>
        new() { Metadata = new ObjectMeta { Name = name, Namespace = ns, ResourceVersion = rv } };

    [Fact]
    public async Task Get_returns_the_typed_object_from_the_default_namespace_with_the_bearer_token()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/ray/pods/web-0", (ctx, _) => ctx.WriteJsonAsync(200, PodNamed("web-0", "17", "ray")));
        var credentials = new TestCredentials(TestCredentials.SecretToken);
        using var client = ClientFactory.Create(server, credentials: credentials, @namespace: "ray");

        var pod = await client.GetAsync<Pod>("web-0");

        pod.Metadata.ResourceVersion.Should().Be("17");
        server.Requests.Single().Authorization.Should().Be($"Bearer {TestCredentials.SecretToken}");
    }

    [Fact]
    public async Task Get_of_a_missing_pod_throws_with_the_servers_status_word_for_word()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/default/pods/x", (ctx, _) => ctx.WriteStatusAsync(404, "NotFound", "pods \"x\" not found"));
        using var client = ClientFactory.Create(server);

        var act = () => client.GetAsync<Pod>("x");

        var error = (await act.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.Message.Should().Be("GET /api/v1/namespaces/default/pods/x failed: 404 NotFound: pods \"x\" not found");
        error.IsNotFound.Should().BeTrue();
        error.Status.Reason.Should().Be("NotFound");
    }

    [Fact]
    public async Task TryGet_returns_null_for_a_missing_object()
    {
        await using var server = await FakeApiServer.StartAsync();
        using var client = ClientFactory.Create(server);

        (await client.TryGetAsync<ConfigMap>("absent")).Should().BeNull();
        server.Requests.Single().Path.Should().Be("/api/v1/namespaces/default/configmaps/absent");
    }

    [Fact]
    public async Task A_non_status_error_body_is_described_from_the_http_status()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/nodes/n1", (ctx, _) => ctx.WriteRawAsync(403, "<html>denied by proxy</html>", "text/html"));
        using var client = ClientFactory.Create(server);

        var act = () => client.GetAsync<Node>("n1", "ignored-for-cluster-scoped");

        await act.Should().ThrowAsync<KubernetesApiException>()
            .WithMessage("GET /api/v1/nodes/n1 failed: 403 Forbidden: <html>denied by proxy</html>");
    }

    [Fact]
    public async Task Create_posts_the_object_to_its_namespace_collection()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", "/apis/batch/v1/namespaces/load/jobs", (ctx, r) => ctx.WriteRawAsync(201, r.Body));
        using var client = ClientFactory.Create(server);
        var job = new Job { Metadata = new ObjectMeta { Name = "k6", Namespace = "load" }, Spec = new JobSpec { BackoffLimit = 0 } };

        var created = await client.CreateAsync(job);

        created.Spec!.BackoffLimit.Should().Be(0);
        var sent = JsonNode.Parse(server.Requests.Single().Body)!;
        sent["apiVersion"]!.GetValue<string>().Should().Be("batch/v1");
        sent["kind"]!.GetValue<string>().Should().Be("Job");
    }

    [Fact]
    public async Task Replace_puts_the_object_with_its_resource_version()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("PUT", "/api/v1/namespaces/default/pods/p", (ctx, r) => ctx.WriteRawAsync(200, r.Body));
        using var client = ClientFactory.Create(server);

        await client.ReplaceAsync(PodNamed("p", "33"));

        JsonNode.Parse(server.Requests.Single().Body)!["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be("33");
    }

    [Fact]
    public async Task Delete_sends_background_propagation_by_default()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("DELETE", "/apis/batch/v1/namespaces/default/jobs/k6", (ctx, _) => ctx.WriteStatusAsync(200, "", ""));
        using var client = ClientFactory.Create(server);

        var returned = await client.DeleteAsync<Job>("k6");

        returned.Should().BeNull("the server answered with a Status, not the object");
        JsonNode.Parse(server.Requests.Single().Body)!["propagationPolicy"]!.GetValue<string>().Should().Be("Background");
    }

    [Fact]
    public async Task Delete_sends_the_grace_period_and_preconditions_and_returns_the_terminating_pod()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("DELETE", "/api/v1/namespaces/default/pods/p", (ctx, _) =>
            ctx.WriteJsonAsync(200, PodNamed("p") with { Metadata = PodNamed("p").Metadata with { DeletionTimestamp = DateTimeOffset.UtcNow } }));
        using var client = ClientFactory.Create(server);

        var pod = await client.DeleteAsync<Pod>("p", options: new DeleteOptions
        {
            GracePeriodSeconds = 5,
            PropagationPolicy = "Foreground",
            Preconditions = new Preconditions { Uid = "u-1" },
        });

        pod!.Metadata.DeletionTimestamp.Should().NotBeNull();
        var sent = JsonNode.Parse(server.Requests.Single().Body)!;
        sent["gracePeriodSeconds"]!.GetValue<long>().Should().Be(5);
        sent["propagationPolicy"]!.GetValue<string>().Should().Be("Foreground");
        sent["preconditions"]!["uid"]!.GetValue<string>().Should().Be("u-1");
    }

    [Theory]
    [InlineData(PatchType.Merge, "application/merge-patch+json")]
    [InlineData(PatchType.StrategicMerge, "application/strategic-merge-patch+json")]
    [InlineData(PatchType.Json, "application/json-patch+json")]
    public async Task Patch_sends_the_content_type_of_its_format(PatchType type, string contentType)
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("PATCH", "/apis/apps/v1/namespaces/default/deployments/web", (ctx, _) => ctx.WriteJsonAsync(200, new Deployment()));
        using var client = ClientFactory.Create(server);

        await client.PatchAsync<Deployment>("web", new KubePatch(type, "{}"));

        server.Requests.Single().ContentType.Should().Be(contentType);
    }

    [Fact]
    public async Task A_patch_keeps_nulls_so_uncordon_removes_the_field()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("PATCH", "/api/v1/nodes/node-a", (ctx, _) => ctx.WriteJsonAsync(200, new Node()));
        using var client = ClientFactory.Create(server);

        await client.PatchAsync<Node>("node-a", KubePatch.StrategicMerge(new { spec = new { unschedulable = (bool?)null } }));

        server.Requests.Single().Body.Should().Be("""{"spec":{"unschedulable":null}}""");
    }

    [Fact]
    public async Task Scale_and_status_subresources_use_their_paths()
    {
        await using var server = await FakeApiServer.StartAsync();
        const string sts = "/apis/apps/v1/namespaces/default/statefulsets/redis";
        server.On("GET", sts + "/scale", (ctx, _) => ctx.WriteJsonAsync(200, new Scale { Spec = new ScaleSpec { Replicas = 3 } }));
        server.On("PATCH", sts + "/scale", (ctx, _) => ctx.WriteJsonAsync(200, new Scale { Spec = new ScaleSpec { Replicas = 5 } }));
        server.On("PATCH", sts + "/status", (ctx, _) => ctx.WriteJsonAsync(200, new StatefulSet()));
        using var client = ClientFactory.Create(server);

        (await client.GetScaleAsync<StatefulSet>("redis")).Spec!.Replicas.Should().Be(3);
        (await client.PatchScaleAsync<StatefulSet>("redis", KubePatch.Merge(new { spec = new { replicas = 5 } }))).Spec!.Replicas.Should().Be(5);
        await client.PatchStatusAsync<StatefulSet>("redis", KubePatch.Merge(new { status = new { readyReplicas = 1 } }));

        server.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal($"GET {sts}/scale", $"PATCH {sts}/scale", $"PATCH {sts}/status");
        server.Requests[1].Body.Should().Be("""{"spec":{"replicas":5}}""");
    }
}
