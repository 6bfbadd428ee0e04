using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using System.Text.Json;
using FluentAssertions;
using Xunit;
using ZeroDowntime.MockVllm.Tests.Infrastructure;

namespace ZeroDowntime.MockVllm.Tests;

public sealed class MembershipTests
{
    private static readonly string[] FastHead = ["--role", "head", "--node-name", "head", "--node-dead-timeout", "2s"];

    [Fact]
    public async Task Two_workers_register_and_the_head_reports_them_ALIVE_in_Rays_shape()
    {
        await using var head = await InProcessNode.StartAsync(FastHead);
        await using var w1 = await StartWorkerAsync(head, "worker-1");
        await using var w2 = await StartWorkerAsync(head, "worker-2");

        var nodes = await WaitForStatesAsync(head, ("worker-1", "ALIVE"), ("worker-2", "ALIVE"));

        nodes.GetProperty("result").GetBoolean().Should().BeTrue();
        nodes.GetProperty("msg").GetString().Should().BeEmpty();
        var page = nodes.GetProperty("data").GetProperty("result");
        page.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("total", "num_after_truncation", "num_filtered", "result", "partial_failure_warning", "warnings");
        page.GetProperty("total").GetInt32().Should().Be(3, "the head counts itself");
        var items = RayNodes.Items(nodes);
        items.Single(n => n.GetProperty("is_head_node").GetBoolean()).GetProperty("node_name").GetString().Should().Be("head");
        var worker = items.Single(n => n.GetProperty("node_name").GetString() == "worker-1");
        worker.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "node_id", "node_ip", "is_head_node", "state", "state_message", "node_name", "resources_total", "labels", "start_time_ms", "end_time_ms");
        worker.GetProperty("node_id").GetString().Should().MatchRegex("^[0-9a-f]{56}$");
        worker.GetProperty("node_ip").GetString().Should().Be("127.0.0.1");
        worker.GetProperty("resources_total").GetProperty("node:127.0.0.1").GetDouble().Should().Be(1);
        worker.GetProperty("labels").GetProperty("ray.io/node_id").GetString().Should().Be(worker.GetProperty("node_id").GetString());
        await head.Log.WaitForLineAsync("worker-1", Timeouts.LogLine);
        (await head.Log.WaitForLineAsync("node worker-2", Timeouts.LogLine)).Should().EndWith("registered");
        await w1.Log.WaitForLineAsync("registered with head", Timeouts.LogLine);
    }

    [Fact]
    public async Task State_filters_work_like_the_Ray_state_API()
    {
        await using var head = await InProcessNode.StartAsync(FastHead);
        await using var w1 = await StartWorkerAsync(head, "worker-1");
        await WaitForStatesAsync(head, ("worker-1", "ALIVE"));

        var workersOnly = await head.GetNodesAsync("?filter_keys=is_head_node&filter_predicates=%3D&filter_values=False");
        var notAlive = await head.GetNodesAsync("?filter_keys=state&filter_predicates=%21%3D&filter_values=ALIVE");
        using var bad = await head.Http.GetAsync(new Uri(head.Dashboard!, "/api/v0/nodes?filter_keys=color&filter_predicates=%3D&filter_values=red"));

        RayNodes.Items(workersOnly).Select(n => n.GetProperty("node_name").GetString()).Should().Equal("worker-1");
        workersOnly.GetProperty("data").GetProperty("result").GetProperty("num_filtered").GetInt32().Should().Be(1);
        RayNodes.Items(notAlive).Should().BeEmpty();
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        error.GetProperty("result").GetBoolean().Should().BeFalse();
        error.GetProperty("msg").GetString().Should().Be("The given filter column color is not supported. Supported filter columns: node_id, node_ip, is_head_node, state, node_name");
    }

    [Fact]
    public async Task A_worker_that_stops_heartbeating_is_marked_DEAD_after_the_timeout()
    {
        await using var head = await InProcessNode.StartAsync(FastHead);
        await using var w1 = await StartWorkerAsync(head, "worker-1");
        await using var w2 = await StartWorkerAsync(head, "worker-2");
        await WaitForStatesAsync(head, ("worker-1", "ALIVE"), ("worker-2", "ALIVE"));

        var stoppedAt = DateTime.UtcNow;
        await w1.StopAsync(); // no drain, no leave: like a killed process
        var nodes = await WaitForStatesAsync(head, ("worker-1", "DEAD"), ("worker-2", "ALIVE"));

        (DateTime.UtcNow - stoppedAt).Should().BeGreaterThan(TimeSpan.FromSeconds(1.5), "DEAD comes from the 2 s heartbeat timeout");
        var dead = RayNodes.Items(nodes).Single(n => n.GetProperty("node_name").GetString() == "worker-1");
        dead.GetProperty("state_message").GetString().Should().Be("Unexpected termination: health check failed due to missing too many heartbeats");
        dead.GetProperty("end_time_ms").GetInt64().Should().BePositive();
        var alive = await head.GetNodesAsync("?filter_keys=state&filter_predicates=%3D&filter_values=ALIVE");
        RayNodes.Items(alive).Select(n => n.GetProperty("node_name").GetString()).Should().BeEquivalentTo("head", "worker-2");
    }

    [Fact]
    public async Task A_draining_worker_leaves_and_is_DEAD_at_once_as_an_expected_termination()
    {
        await using var head = await InProcessNode.StartAsync("--role", "head", "--node-name", "head", "--node-dead-timeout", "60s");
        await using var w1 = await StartWorkerAsync(head, "worker-1");
        await WaitForStatesAsync(head, ("worker-1", "ALIVE"));

        await MockVllmApp.BeginDrainAsync(w1.App, "SIGTERM").WaitAsync(Timeouts.Request);
        var nodes = await WaitForStatesAsync(head, ("worker-1", "DEAD"));

        RayNodes.Items(nodes).Single(n => n.GetProperty("node_name").GetString() == "worker-1")
            .GetProperty("state_message").GetString().Should().Be("Expected termination: received SIGTERM");
    }

    [Fact]
    public async Task A_head_address_with_a_path_prefix_is_kept_like_an_API_server_service_proxy_URL()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var proxy = builder.Build();
        var paths = new System.Collections.Concurrent.ConcurrentQueue<string>();
        proxy.MapPost("/{**rest}", (HttpContext context) =>
        {
            paths.Enqueue(context.Request.Path);
            return Results.Json(new { head_instance_id = "0123456789abcdef", state = "ALIVE", @event = "registered" });
        });
        await proxy.StartAsync();
        var baseUri = proxy.Urls.Single();
        var headUrl = $"{baseUri}/api/v1/namespaces/default/services/ray-head-svc:dashboard/proxy";

        await using var worker = await InProcessNode.StartAsync("--node-name", "worker-1", "--head", headUrl, "--heartbeat-interval", "200ms");

        await worker.Log.WaitForLineAsync("registered with head", Timeouts.LogLine);
        paths.Should().Contain("/api/v1/namespaces/default/services/ray-head-svc:dashboard/proxy/api/zd/heartbeat");
    }

    internal static Task<InProcessNode> StartWorkerAsync(InProcessNode head, string name, params string[] extra) =>
        InProcessNode.StartAsync(["--node-name", name, "--head", head.Dashboard!.ToString(), "--heartbeat-interval", "200ms", "--head-max-backoff", "500ms", "--token-latency-ms", "0", .. extra]);

    internal static Task<JsonElement> WaitForStatesAsync(InProcessNode head, params (string Name, string State)[] expected) =>
        Eventually.MatchesAsync(
            () => head.GetNodesAsync(),
            nodes => expected.All(e => RayNodes.StateOf(nodes, e.Name) == e.State),
            Timeouts.Membership,
            $"the head reports {string.Join(", ", expected.Select(e => $"{e.Name}={e.State}"))}");
}
