using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Xunit;
using ZeroDowntime.MockVllm.Tests.Infrastructure;

namespace ZeroDowntime.MockVllm.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Worker_answers_Ray_Serve_and_raylet_health_routes()
    {
        await using var node = await InProcessNode.StartAsync();

        (await node.Http.GetStringAsync(new Uri(node.Serve, "/-/healthz"))).Should().Be("success");
        (await node.Http.GetStringAsync(new Uri(node.Agent!, "/api/local_raylet_healthz"))).Should().Be("success");
        var routes = await node.Http.GetFromJsonAsync<Dictionary<string, string>>(new Uri(node.Serve, "/-/routes"));
        routes.Should().Equal(new Dictionary<string, string> { ["/VLLMDeployment"] = "VLLMDeployment" });
        using var gcs = await node.Http.GetAsync(new Uri(node.Serve, "/api/gcs_healthz"));
        gcs.StatusCode.Should().Be(HttpStatusCode.NotFound, "only the head runs the GCS");
        node.Dashboard.Should().BeNull("workers have no dashboard");
    }

    [Fact]
    public async Task Head_answers_GCS_health_on_its_dashboard_port()
    {
        await using var head = await InProcessNode.StartAsync("--role", "head");

        (await head.Http.GetStringAsync(new Uri(head.Dashboard!, "/api/gcs_healthz"))).Should().Be("success");
        (await head.Http.GetStringAsync(new Uri(head.Agent!, "/api/local_raylet_healthz"))).Should().Be("success");
    }

    [Fact]
    public async Task Fail_readiness_fails_healthz_but_still_serves_inference_and_raylet_health()
    {
        await using var node = await InProcessNode.StartAsync("--fail-readiness", "--token-latency-ms", "0");

        using var health = await node.Http.GetAsync(new Uri(node.Serve, "/-/healthz"));
        using var inference = await node.InferAsync();

        health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await health.Content.ReadAsStringAsync()).Should().Be("Readiness is failing on purpose (--fail-readiness).");
        inference.StatusCode.Should().Be(HttpStatusCode.OK);
        (await node.Http.GetStringAsync(new Uri(node.Agent!, "/api/local_raylet_healthz"))).Should().Be("success");
    }

    [Fact]
    public async Task Readiness_can_be_flipped_on_a_running_node()
    {
        await using var node = await InProcessNode.StartAsync();

        using var fail = await node.Http.PostAsync(new Uri(node.Serve, "/-/zd/readiness"), new StringContent("""{"ready": false}""", Encoding.UTF8, "application/json"));
        using var whileFailing = await node.Http.GetAsync(new Uri(node.Serve, "/-/healthz"));
        using var restore = await node.Http.PostAsync(new Uri(node.Serve, "/-/zd/readiness"), new StringContent("""{"ready": true}""", Encoding.UTF8, "application/json"));
        using var restored = await node.Http.GetAsync(new Uri(node.Serve, "/-/healthz"));

        fail.StatusCode.Should().Be(HttpStatusCode.OK);
        whileFailing.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        restore.StatusCode.Should().Be(HttpStatusCode.OK);
        restored.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unhealthy_after_turns_every_health_route_to_503()
    {
        await using var node = await InProcessNode.StartAsync("--unhealthy-after", "1s");

        (await node.Http.GetStringAsync(new Uri(node.Agent!, "/api/local_raylet_healthz"))).Should().Be("success");
        await Eventually.MatchesAsync(async () => (await node.Http.GetAsync(new Uri(node.Agent!, "/api/local_raylet_healthz"))).StatusCode,
            status => status == HttpStatusCode.ServiceUnavailable, Timeouts.Request, "raylet health fails after --unhealthy-after");
        using var serveHealth = await node.Http.GetAsync(new Uri(node.Serve, "/-/healthz"));
        serveHealth.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Drain_lets_the_in_flight_request_finish_and_answers_503_to_new_ones()
    {
        await using var node = await InProcessNode.StartAsync("--token-latency-ms", "20");
        var inFlight = node.InferAsync(maxTokens: 100);
        await Eventually.MatchesAsync(() => Task.FromResult(node.App.Services.GetServiceState().InFlight), n => n == 1, Timeouts.Request, "the slow request is in flight");

        var drain = MockVllmApp.BeginDrainAsync(node.App);
        using var refused = await node.InferAsync(maxTokens: 1);
        using var health = await node.Http.GetAsync(new Uri(node.Serve, "/-/healthz"));
        using var finished = await inFlight;
        await drain.WaitAsync(Timeouts.Request);

        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("Service unavailable: this node is draining.");
        refused.Headers.ConnectionClose.Should().BeTrue();
        (await health.Content.ReadAsStringAsync()).Should().Be("This node is being drained.");
        finished.StatusCode.Should().Be(HttpStatusCode.OK);
        await node.Log.WaitForLineAsync("drained: all in-flight requests finished", Timeouts.LogLine);
    }
}
