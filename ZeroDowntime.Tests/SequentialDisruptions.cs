using FluentAssertions.Execution;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Disruptions;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Tests;

/// <summary>Seed scenario 4: every worker is replaced in turn, like a rolling upgrade; the service stays up.</summary>
[Scenario(nameof(SequentialDisruptions), Order = 40)]
[Collection(ClusterFixture.CollectionName)]
public sealed class SequentialDisruptions(ClusterFixture cluster, ScenarioContext<DisruptionState> context, ITestOutputHelper output)
    : IClassFixture<ScenarioContext<DisruptionState>>
{
    private readonly Narrator _narrator = new(output);

    private DisruptionState State => context.State;

    private RoleSettings Workers => cluster.Settings.Target.Workers;

    private SequentialTiming Timing => cluster.Settings.Timing.Sequential;

    [Step(1, "Start load generator")]
    public async Task Start_load_generator()
    {
        cluster.Gate.EnsureOpen($"delete every {Workers.Name} pod in turn");
        State.Run = await DisruptionRun.StartAsync(cluster, nameof(SequentialDisruptions), _narrator.By);
    }

    [Step(2, "Wait for baseline metrics")]
    public Task Wait_for_baseline_metrics() => State.RequireRun().WaitBaselineAsync();

    [Step(3, "Delete each worker pod in turn, waiting the interval and keeping enough Ready")]
    public async Task Delete_each_worker_pod_in_turn()
    {
        var run = State.RequireRun();
        var deleter = new PodDeleter(run.Target);
        var originals = await cluster.Inventory.ReadyPodsAsync(Workers);
        for (var i = 0; i < originals.Count; i++)
        {
            _narrator.By($"[{i + 1}/{originals.Count}] Deleting {Workers.Name} pod {PodFacts.Describe(originals[i])}");
            var accepted = await deleter.DeleteAsync(originals[i], Workers.Name);
            State.DisruptedAt ??= accepted;
            _narrator.By($"Waiting {Timing.Interval.TotalSeconds:0} s for recovery");
            // The interval between deletions is the scenario's own pacing (a rolling upgrade's).
            await run.HoldAsync(Timing.Interval, "the interval between deletions (ZD_TIMING__SEQUENTIAL__INTERVAL)");
            var ready = (await cluster.Inventory.ReadyPodsAsync(Workers)).Count;
            _narrator.By($"{ready} {Workers.Name} pod(s) Ready");
            run.RefreshResult().Should().HaveAtLeastReadyThroughout(Workers.Name, Workers.MinReadyDuringDisruption);
        }
    }

    [Step(4, "Stop load generator")]
    public Task Stop_load_generator() => State.RequireRun().StopAsync();

    [Step(5, "Collect and analyze metrics")]
    public async Task Collect_and_analyze_metrics()
    {
        var run = State.RequireRun();
        await run.StopAsync();
        using var scope = new AssertionScope();
        run.Result.Should().HaveSuccessRateAbove(Timing.SuccessRateAbovePercent, "throughout the test")
            .And.HaveAtLeastReadyThroughout(Workers.Name, Workers.MinReadyDuringDisruption)
            .And.HaveTotalDowntimeBelow(Timing.TotalDowntimeBelow)
            .And.EndWithReadyCount(Workers.Name, Workers.ExpectedCount);
    }
}
