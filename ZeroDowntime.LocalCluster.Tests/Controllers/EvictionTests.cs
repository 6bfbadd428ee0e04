using System.Text.Json.Nodes;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Disruption;
using ZeroDowntime.LocalCluster.Storage;
using ZeroDowntime.LocalCluster.Tests.Controllers.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Controllers;

public sealed class EvictionTests
{
    private static readonly Dictionary<string, string> Worker = new() { ["app"] = "worker" };
    private readonly ClusterApi _api = TestApi.Create();
    private readonly DisruptionController _controller = new(TestApi.Settings);

    private void Budget(string name = "worker-pdb", string spec = "\"minAvailable\": 2")
    {
        _api.PodDisruptionBudgets.Create(TestApi.Json($$"""
            { "metadata": { "name": "{{name}}", "namespace": "default" },
              "spec": { {{spec}}, "selector": { "matchLabels": { "app": "worker" } } } }
            """));
        _controller.ReconcileNow(_api, $"default/{name}");
    }

    private void ThreeWorkers()
    {
        foreach (var name in (string[])["w-1", "w-2", "w-3"])
        {
            TestApi.Pod(_api, name, Worker);
        }
    }

    private JsonObject Pdb(string name = "worker-pdb") => _api.PodDisruptionBudgets.Get("default", name);

    [Fact]
    public void Eviction_within_budget_returns_201_marks_the_pod_and_spends_the_disruption()
    {
        ThreeWorkers();
        Budget();
        Pdb().GetInt64("status", "disruptionsAllowed").Should().Be(1);

        var status = EvictionHandler.Evict(_api, "default", "w-1", null);

        status.GetString("status").Should().Be("Success");
        status.GetInt64("code").Should().Be(201);
        var pod = _api.Pods.Get("default", "w-1");
        pod.GetNode("metadata", "deletionTimestamp").Should().NotBeNull();
        pod.Condition("DisruptionTarget")!.GetString("reason").Should().Be("EvictionByEvictionAPI");
        Pdb().GetInt64("status", "disruptionsAllowed").Should().Be(0);
        Pdb().GetNode("status", "disruptedPods", "w-1").Should().NotBeNull();
    }

    [Fact]
    public void Eviction_keeps_budget_status_fields_it_does_not_know()
    {
        ThreeWorkers();
        Budget();
        _api.PodDisruptionBudgets.Mutate("default", "worker-pdb", o => o.Ensure("status")["futureField"] = "kept", status: true);

        EvictionHandler.Evict(_api, "default", "w-1", null);

        Pdb().GetInt64("status", "disruptionsAllowed").Should().Be(0);
        Pdb().GetString("status", "futureField").Should().Be("kept");
    }

    [Fact]
    public void Eviction_beyond_budget_is_429_with_the_budget_cause()
    {
        ThreeWorkers();
        Budget(spec: "\"minAvailable\": 3");

        var act = () => EvictionHandler.Evict(_api, "default", "w-1", null);

        var error = act.Should().Throw<ApiException>().Which;
        error.Code.Should().Be(429);
        error.Reason.Should().Be("TooManyRequests");
        error.Message.Should().Be("Cannot evict pod as it would violate the pod's disruption budget.");
        var cause = error.ToStatus().GetNode("details", "causes")!.AsArray().Single()!.AsObject();
        cause.GetString("reason").Should().Be("DisruptionBudget");
        cause.GetString("message").Should().Be("The disruption budget worker-pdb needs 3 healthy pods and has 3 currently");
        _api.Pods.Get("default", "w-1").GetNode("metadata", "deletionTimestamp").Should().BeNull();
    }

    [Fact]
    public void Eviction_of_a_missing_pod_is_404()
    {
        var act = () => EvictionHandler.Evict(_api, "default", "ghost", null);
        act.Should().Throw<ApiException>().Which.Message.Should().Be("pods \"ghost\" not found");
    }

    [Fact]
    public void Eviction_with_two_matching_budgets_is_500()
    {
        ThreeWorkers();
        Budget("one");
        Budget("two");

        var act = () => EvictionHandler.Evict(_api, "default", "w-1", null);

        var error = act.Should().Throw<ApiException>().Which;
        error.Code.Should().Be(500);
        error.Message.Should().Be("Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
    }

    [Fact]
    public void A_pending_pod_is_evicted_without_a_budget_check()
    {
        ThreeWorkers();
        TestApi.Pod(_api, "w-4", Worker, node: null, ready: false, phase: "Pending");
        Budget(spec: "\"minAvailable\": 3");

        EvictionHandler.Evict(_api, "default", "w-4", null).GetString("status").Should().Be("Success");
        _api.Pods.TryGet("default", "w-4").Should().BeNull("an unscheduled pod is removed at once");
    }

    [Fact]
    public void An_unready_pod_is_evicted_when_the_budget_is_otherwise_met()
    {
        ThreeWorkers();
        TestApi.Pod(_api, "w-4", Worker, ready: false);
        Budget(spec: "\"minAvailable\": 3");
        Pdb().GetInt64("status", "disruptionsAllowed").Should().Be(0);

        EvictionHandler.Evict(_api, "default", "w-4", null).GetString("status").Should().Be("Success");
    }

    [Fact]
    public void An_unready_pod_is_protected_when_the_budget_is_not_met_unless_AlwaysAllow()
    {
        TestApi.Pod(_api, "w-1", Worker);
        TestApi.Pod(_api, "w-2", Worker, ready: false);
        Budget(spec: "\"minAvailable\": 2");
        var act = () => EvictionHandler.Evict(_api, "default", "w-2", null);
        act.Should().Throw<ApiException>().Which.Code.Should().Be(429);

        _api.PodDisruptionBudgets.Mutate("default", "worker-pdb", o => o["spec"]!["unhealthyPodEvictionPolicy"] = "AlwaysAllow");
        _controller.ReconcileNow(_api, "default/worker-pdb");
        EvictionHandler.Evict(_api, "default", "w-2", null).GetString("status").Should().Be("Success");
    }

    [Fact]
    public void Eviction_honours_the_grace_period_of_its_delete_options()
    {
        ThreeWorkers();
        Budget();

        EvictionHandler.Evict(_api, "default", "w-2", TestApi.Json("""{ "gracePeriodSeconds": 7 }"""));

        _api.Pods.Get("default", "w-2").GetInt64("metadata", "deletionGracePeriodSeconds").Should().Be(7);
    }

    [Fact]
    public async Task Two_concurrent_evictions_cannot_both_spend_the_last_disruption()
    {
        for (var round = 0; round < 20; round++)
        {
            var api = TestApi.Create();
            foreach (var name in (string[])["w-1", "w-2", "w-3"])
            {
                TestApi.Pod(api, name, Worker);
            }

            api.PodDisruptionBudgets.Create(TestApi.Json("""
                { "metadata": { "name": "worker-pdb", "namespace": "default" },
                  "spec": { "minAvailable": 2, "selector": { "matchLabels": { "app": "worker" } } } }
                """));
            _controller.ReconcileNow(api, "default/worker-pdb");
            using var start = new Barrier(2);
            var outcomes = await Task.WhenAll(new[] { "w-1", "w-2" }.Select(pod => Task.Run(() =>
            {
                start.SignalAndWait();
                try
                {
                    EvictionHandler.Evict(api, "default", pod, null);
                    return 201;
                }
                catch (ApiException e)
                {
                    return e.Code;
                }
            })));

            outcomes.Order().Should().Equal([201, 429], $"exactly one eviction may pass (round {round})");
        }
    }

    [Fact]
    public void A_recount_keeps_a_disrupted_pod_out_of_currentHealthy_until_it_is_deleted()
    {
        ThreeWorkers();
        Budget();
        _api.PodDisruptionBudgets.Mutate("default", "worker-pdb",
            o => o.Ensure("status", "disruptedPods")["w-1"] = _api.Timestamp(), status: true);

        _controller.ReconcileNow(_api, "default/worker-pdb");

        Pdb().GetInt64("status", "currentHealthy").Should().Be(2);
        Pdb().GetInt64("status", "disruptionsAllowed").Should().Be(0);
        Pdb().GetNode("status", "disruptedPods", "w-1").Should().NotBeNull();
    }
}
