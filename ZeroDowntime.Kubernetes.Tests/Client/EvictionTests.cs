using ZeroDowntime.Kubernetes.Legacy;
using System.Text.Json.Nodes;
using FluentAssertions;
using ZeroDowntime.Kubernetes.Legacy.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

public class EvictionTests
{
    private const string EvictionPath = "/api/v1/namespaces/ray/pods/worker-1/eviction";
    private const string BudgetRefusal = "Cannot evict pod as it would violate the pod's disruption budget.";
    private const string BudgetCause = "The disruption budget worker-pdb needs 2 healthy pods and has 2 currently";

    [Fact]
    public async Task An_accepted_eviction_is_evicted_and_sends_the_grace_period()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", EvictionPath, (ctx, _) => ctx.WriteRawAsync(201, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}"""));
        using var client = ClientFactory.Create(server);

        var result = await client.EvictAsync("worker-1", "ray", gracePeriodSeconds: 10);

        result.Outcome.Should().Be(EvictionOutcome.Evicted);
        var sent = JsonNode.Parse(server.Requests.Single().Body)!;
        sent["apiVersion"]!.GetValue<string>().Should().Be("policy/v1");
        sent["kind"]!.GetValue<string>().Should().Be("Eviction");
        sent["metadata"]!["name"]!.GetValue<string>().Should().Be("worker-1");
        sent["deleteOptions"]!["gracePeriodSeconds"]!.GetValue<long>().Should().Be(10);
    }

    [Fact]
    public async Task A_budget_refusal_carries_the_servers_message_and_cause_and_is_not_retried()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", EvictionPath, (ctx, _) =>
        {
            ctx.Response.Headers.RetryAfter = "1";
            return ctx.WriteStatusAsync(429, "TooManyRequests", BudgetRefusal, [new StatusCause { Reason = "DisruptionBudget", Message = BudgetCause }]);
        });
        using var client = ClientFactory.Create(server);

        var result = await client.EvictAsync("worker-1", "ray");

        result.Outcome.Should().Be(EvictionOutcome.RefusedByBudget);
        result.Message.Should().Be(BudgetRefusal);
        result.Causes.Should().ContainSingle().Which.Message.Should().Be(BudgetCause);
        result.ToString().Should().Be($"RefusedByBudget: {BudgetRefusal} ({BudgetCause})");
        server.Requests.Should().HaveCount(1, "a 429 from eviction is an answer for the caller, not a reason to retry");
    }

    [Fact]
    public async Task Evicting_a_missing_pod_is_not_found()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", EvictionPath, (ctx, _) => ctx.WriteStatusAsync(404, "NotFound", "pods \"worker-1\" not found"));
        using var client = ClientFactory.Create(server);

        var result = await client.EvictAsync("worker-1", "ray");

        result.Outcome.Should().Be(EvictionOutcome.NotFound);
        result.Message.Should().Be("pods \"worker-1\" not found");
    }

    [Fact]
    public async Task More_than_one_budget_is_a_typed_failure_with_the_servers_message()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", EvictionPath, (ctx, _) => ctx.WriteStatusAsync(500, "InternalError",
            "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."));
        using var client = ClientFactory.Create(server);

        var act = () => client.EvictAsync("worker-1", "ray");

        await act.Should().ThrowAsync<MultiplePodDisruptionBudgetsException>().WithMessage(
            $"POST {EvictionPath} failed: 500 InternalError: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Other_eviction_failures_throw_the_api_exception()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", EvictionPath, (ctx, _) => ctx.WriteStatusAsync(403, "Forbidden", "pods \"worker-1\" is forbidden"));
        using var client = ClientFactory.Create(server);

        var act = () => client.EvictAsync("worker-1", "ray");

        (await act.Should().ThrowAsync<KubernetesApiException>()).Which.Should().NotBeOfType<MultiplePodDisruptionBudgetsException>();
    }
}
