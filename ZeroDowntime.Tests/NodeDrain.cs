using FluentAssertions.Execution;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Disruptions;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Xunit;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Tests;

/// <summary>Seed scenario 3: a node is cordoned and drained as in a cluster upgrade; the budget keeps the service up.</summary>
[Scenario(nameof(NodeDrain), Order = 30)]
[Collection(ClusterFixture.CollectionName)]
public sealed class NodeDrain(ClusterFixture cluster, ScenarioContext<NodeDrainState> context, ITestOutputHelper output)
    : IClassFixture<ScenarioContext<NodeDrainState>>
{
    private readonly Narrator _narrator = new(output);

    private NodeDrainState State => context.State;

    private RoleSettings Workers => cluster.Settings.Target.Workers;

    private NodeDrainTiming Timing => cluster.Settings.Timing.NodeDrain;

    [Step(1, "Start load generator")]
    public async Task Start_load_generator()
    {
        cluster.Gate.EnsureOpen("cordon and drain a node");
        State.Run = await DisruptionRun.StartAsync(cluster, nameof(NodeDrain), _narrator.By);
    }

    [Step(2, "Wait for baseline metrics")]
    public Task Wait_for_baseline_metrics() => State.RequireRun().WaitBaselineAsync();

    [Step(3, "Identify a node with a worker pod")]
    public async Task Identify_node_with_worker_pod()
    {
        var heads = (await cluster.Inventory.PodsAsync(cluster.Settings.Target.Head)).Select(PodFacts.NodeOf).ToHashSet();
        var worker = (await cluster.Inventory.ReadyPodsAsync(Workers))
            .Where(p => !heads.Contains(PodFacts.NodeOf(p)))
            .OrderBy(p => PodFacts.NodeOf(p), StringComparer.Ordinal)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"No node runs a Ready {Workers.Name} pod without the {cluster.Settings.Target.Head.Name}; nothing safe to drain.");
        (State.Worker, State.Node) = (worker, PodFacts.NodeOf(worker));
        _narrator.By($"Draining node {State.Node}, which runs {Workers.Name} pod {worker.Metadata.Name}");
    }

    [Step(4, "Cordon the node")]
    public async Task Cordon_the_node()
    {
        var cordoned = await new NodeCordoner(State.RequireRun().Target).CordonAsync(State.Node!);
        if (!cordoned)
        {
            throw new InvalidOperationException($"Node {State.Node} was already cordoned by someone else; the suite leaves it alone.");
        }
    }

    [Step(5, "Drain the node respecting PDBs")]
    public async Task Drain_the_node()
    {
        var run = State.RequireRun();
        var drainer = State.Drainer = new NodeDrainer(run.Target, Timing.EvictionRetryInterval, Timing.DrainTimeout, p => cluster.Inventory.RoleOf(p));
        var first = await drainer.EvictAsync(State.Worker!);
        State.DisruptedAt = first.AcceptedAt ?? throw new InvalidOperationException($"{Workers.Name} pod {first.Pod} vanished before it could be evicted.");
        _narrator.By($"Evicted {first.Pod} after {first.Refusals} refusal(s); proving the budget by evicting a second {Workers.Name} pod");

        State.SecondWorker = (await cluster.Inventory.ReadyPodsAsync(Workers)).FirstOrDefault(p => p.Metadata.Name != first.Pod);
        if (State.SecondWorker is not null)
        {
            State.SecondEviction = await drainer.TryEvictOnceAsync(State.SecondWorker);
            _narrator.By($"Second eviction ({State.SecondWorker.Metadata.Name}): {State.SecondEviction}");
        }

        State.Drain = await drainer.DrainAsync(State.Node!);
        _narrator.By($"Node {State.Node} drained: {State.Drain.Evictions.Count} eviction(s); skipped: {string.Join(", ", State.Drain.Skipped.DefaultIfEmpty("none"))}");
        RequireBudgetRefusedSecondEviction(run.Result, first.Pod);
    }

    [Step(6, "Monitor service availability during the drain")]
    public async Task Monitor_service_availability_during_drain()
    {
        var run = State.RequireRun();
        State.Recovery = await run.MonitorUntilRecoveredAsync(Workers, State.RequireDisruption(), Timing.MonitoringWindow);
        await run.WaitForTerminationsAsync(Timing.PodTerminatesWithin);
        run.RefreshResult().Should().TerminateWithin(Timing.PodTerminatesWithin);
    }

    [Step(7, "Wait for the pod to reschedule and become Ready")]
    public void Wait_for_pod_to_reschedule() =>
        State.RequireRun().RefreshResult().Should().RecoverWithin(Workers.Name, Timing.ReplacementReadyWithin);

    [Step(8, "Uncordon the node")]
    public Task Uncordon_the_node() => new NodeCordoner(State.RequireRun().Target).UncordonAsync(State.Node!);

    [Step(9, "Stop load generator")]
    public Task Stop_load_generator() => State.RequireRun().StopAsync();

    [Step(10, "Collect and analyze metrics")]
    public async Task Collect_and_analyze_metrics()
    {
        var run = State.RequireRun();
        await run.StopAsync();
        using var scope = new AssertionScope();
        run.Result.Should().HaveSuccessRateAbove(Timing.SuccessRateAbovePercent, "during the drain")
            .And.HaveAtLeastReadyThroughout(Workers.Name, Workers.MinReadyDuringDisruption)
            .And.EndWithReadyCount(Workers.Name, Workers.ExpectedCount);
    }

    private void RequireBudgetRefusedSecondEviction(ScenarioResult result, string firstPod)
    {
        const string key = "budget_blocks_second_eviction";
        const string description = "The budget refuses a second eviction while one worker is disrupted";
        if (State.SecondWorker is null || State.SecondEviction is null)
        {
            ScenarioCheck.Require(result, CheckResult.Fail(key, description, "429", "no second Ready worker to try"),
                $"Expected to prove the budget by evicting a second {Workers.Name} pod while {firstPod} was disrupted, but no other {Workers.Name} pod was Ready.");
            return;
        }

        var second = State.SecondWorker.Metadata.Name;
        var answer = State.SecondEviction;
        var refused = answer.Outcome == EvictionOutcome.RefusedByBudget;
        var actual = refused ? $"429: {answer.Message}" : answer.Outcome == EvictionOutcome.Evicted ? "accepted" : answer.ToString();
        ScenarioCheck.Require(result, new CheckResult(key, description, refused, "429 Too Many Requests", actual),
            $"Expected the eviction of a second {Workers.Name} pod ({second}) to be refused with 429 while {firstPod} was disrupted, but it was {actual}: the budget does not protect the {Workers.Name} pods.");
    }
}
