using System.Text.Json.Nodes;
using FluentAssertions;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>KubeEviction.EvictPodAsync against the fake: each answer of the eviction subresource as a typed outcome.</summary>
public class EvictionTests
{
    private const string EvictionPath = "/api/v1/namespaces/ray/pods/worker-1/eviction";
    private const string BudgetRefusal = "Cannot evict pod as it would violate the pod's disruption budget.";
    private const string BudgetCause = "The disruption budget worker-pdb needs 2 healthy pods and has 2 currently";
    private const string MultipleBudgets = "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.";

    [Fact]
    public async Task An_accepted_eviction_is_Evicted_and_sends_the_grace_period()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", EvictionPath, (ctx, _) => ctx.WriteRawAsync(201, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}"""));
        using var kube = ClientFactory.Create(server);

        var result = await kube.EvictPodAsync("worker-1", "ray", gracePeriodSeconds: 10);

        result.Outcome.Should().Be(EvictionOutcome.Evicted);
        result.ToString().Should().Be("Evicted");
        var sent = JsonNode.Parse(server.Requests.Single().Body)!;
        sent["apiVersion"]!.GetValue<string>().Should().Be("policy/v1");
        sent["kind"]!.GetValue<string>().Should().Be("Eviction");
        sent["metadata"]!["name"]!.GetValue<string>().Should().Be("worker-1");
        sent["metadata"]!["namespace"]!.GetValue<string>().Should().Be("ray");
        sent["deleteOptions"]!["gracePeriodSeconds"]!.GetValue<long>().Should().Be(10);
    }

    [Fact]
    public async Task Without_a_grace_period_no_delete_options_are_sent()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", EvictionPath, (ctx, _) => ctx.WriteStatusAsync(201, "", ""));
        using var kube = ClientFactory.Create(server);

        await kube.EvictPodAsync("worker-1", "ray");

        JsonNode.Parse(server.Requests.Single().Body)!.AsObject().ContainsKey("deleteOptions").Should().BeFalse();
    }

    [Fact]
    public async Task A_budget_refusal_carries_the_servers_message_and_cause_and_is_not_retried()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", EvictionPath, (ctx, _) =>
        {
            ctx.Response.Headers.RetryAfter = "1";
            return ctx.WriteStatusAsync(429, "TooManyRequests", BudgetRefusal, [new V1StatusCause { Reason = "DisruptionBudget", Message = BudgetCause }]);
        });
        using var kube = ClientFactory.Create(server);

        var result = await kube.EvictPodAsync("worker-1", "ray");

        result.Outcome.Should().Be(EvictionOutcome.RefusedByBudget);
        result.Message.Should().Be(BudgetRefusal);
        result.Causes.Should().ContainSingle().Which.Reason.Should().Be("DisruptionBudget");
        result.Causes.Single().Message.Should().Be(BudgetCause);
        result.ToString().Should().Be($"RefusedByBudget: {BudgetRefusal} ({BudgetCause})");
        server.Requests.Should().ContainSingle("a 429 from eviction is an answer for the caller, not a reason to retry");
    }

    [Fact]
    public async Task Evicting_a_missing_pod_is_NotFound()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", EvictionPath, (ctx, _) => ctx.WriteStatusAsync(404, "NotFound", "pods \"worker-1\" not found"));
        using var kube = ClientFactory.Create(server);

        var result = await kube.EvictPodAsync("worker-1", "ray");

        result.Outcome.Should().Be(EvictionOutcome.NotFound);
        result.Message.Should().Be("pods \"worker-1\" not found");
        result.Status.Code.Should().Be(404);
    }

    [Fact]
    public async Task More_than_one_budget_is_a_typed_failure_with_the_servers_message()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", EvictionPath, (ctx, _) => ctx.WriteStatusAsync(500, "InternalError", MultipleBudgets));
        using var kube = ClientFactory.Create(server);

        var evict = () => kube.EvictPodAsync("worker-1", "ray");

        var error = (await evict.Should().ThrowAsync<MultiplePodDisruptionBudgetsException>()).Which;
        error.Message.Should().Be($"Evicting pod ray/worker-1 failed: 500 InternalError: {MultipleBudgets}");
        error.Pod.Should().Be("ray/worker-1");
        error.Status.Code.Should().Be(500);
        error.InnerException.Should().BeOfType<HttpOperationException>();
        server.Requests.Should().ContainSingle();
    }

    [Theory]
    [InlineData(500, "InternalError", "etcdserver: leader changed")]
    [InlineData(403, "Forbidden", "pods \"worker-1\" is forbidden: User \"zd\" cannot create resource \"pods/eviction\"")]
    [InlineData(422, "Invalid", "Eviction.policy \"worker-1\" is invalid")]
    public async Task Any_other_answer_is_an_error_described_in_the_servers_words(int code, string reason, string message)
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("POST", EvictionPath, (ctx, _) => ctx.WriteStatusAsync(code, reason, message));
        using var kube = ClientFactory.Create(server);

        var evict = () => kube.EvictPodAsync("worker-1", "ray");

        var error = (await evict.Should().ThrowExactlyAsync<InvalidOperationException>()).Which;
        error.Message.Should().Be($"Evicting pod ray/worker-1 failed: {code} {reason}: {message}");
        error.InnerException.Should().BeOfType<HttpOperationException>().Which.Describe().Should().Be($"POST {EvictionPath} failed: {code} {reason}: {message}");
        server.Requests.Should().ContainSingle();
    }
}
