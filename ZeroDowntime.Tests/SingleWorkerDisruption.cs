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

/// <summary>Seed scenario 2: the service stays available while one worker pod is deleted and replaced.</summary>
[Scenario(nameof(SingleWorkerDisruption), Order = 20)]
[Collection(ClusterFixture.CollectionName)]
public sealed class SingleWorkerDisruption(ClusterFixture cluster, ScenarioContext<DisruptionState> context, ITestOutputHelper output)
    : IClassFixture<ScenarioContext<DisruptionState>>
{
    private readonly Narrator _narrator = new(output);

    private DisruptionState State => context.State;

    private RoleSettings Workers => cluster.Settings.Target.Workers;

    private SingleWorkerTiming Timing => cluster.Settings.Timing.SingleWorker;

    [Step(1, "Start load generator")]
    public async Task Start_load_generator()
    {
        cluster.Gate.EnsureOpen($"delete a {Workers.Name} pod");
        State.Run = await DisruptionRun.StartAsync(cluster, nameof(SingleWorkerDisruption), _narrator.By);
    }

    [Step(2, "Wait for baseline metrics")]
    public Task Wait_for_baseline_metrics() => State.RequireRun().WaitBaselineAsync();

    [Step(3, "Delete one worker pod")]
    public async Task Delete_one_worker_pod()
    {
        var pod = (await cluster.Inventory.ReadyPodsAsync(Workers)).First();
        _narrator.By($"Deleting {Workers.Name} pod: {PodFacts.Describe(pod)}");
        State.DisruptedAt = await new PodDeleter(State.RequireRun().Target).DeleteAsync(pod, Workers.Name);
    }

    [Step(4, "Monitor service availability")]
    public async Task Monitor_service_availability()
    {
        var run = State.RequireRun();
        State.Recovery = await run.MonitorUntilRecoveredAsync(Workers, State.RequireDisruption(), Timing.MonitoringWindow);
        run.RefreshResult().Should().HaveAtLeastReadyThroughout(Workers.Name, Workers.MinReadyDuringDisruption);
    }

    [Step(5, "Verify the new pod becomes Ready")]
    public void Verify_new_pod_becomes_ready() =>
        State.RequireRun().RefreshResult().Should().RecoverWithin(Workers.Name, Timing.ReplacementReadyWithin);

    [Step(6, "Stop load generator")]
    public Task Stop_load_generator() => State.RequireRun().StopAsync();

    [Step(7, "Collect and analyze metrics")]
    public async Task Collect_and_analyze_metrics()
    {
        var run = State.RequireRun();
        await run.StopAsync();
        var result = run.Result;
        using var scope = new AssertionScope();
        result.Should().HaveSuccessRateAbove(Timing.SuccessRateAbovePercent, "during the disruption")
            .And.HaveAtLeastReadyThroughout(Workers.Name, Workers.MinReadyDuringDisruption)
            .And.EndWithReadyCount(Workers.Name, Workers.ExpectedCount);
    }
}
