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

namespace ZeroDowntime.Tests;

/// <summary>Seed scenario 6: the head pod is deleted; a new head comes up, workers reconnect to it, the service recovers.</summary>
[Scenario(nameof(HeadDisruption), Order = 60)]
[Collection(ClusterFixture.CollectionName)]
public sealed class HeadDisruption(ClusterFixture cluster, ScenarioContext<HeadDisruptionState> context, ITestOutputHelper output)
    : IClassFixture<ScenarioContext<HeadDisruptionState>>
{
    private readonly Narrator _narrator = new(output);

    private HeadDisruptionState State => context.State;

    private RoleSettings Head => cluster.Settings.Target.Head;

    private HeadTiming Timing => cluster.Settings.Timing.Head;

    [Step(1, "Start load generator")]
    public async Task Start_load_generator()
    {
        cluster.Gate.EnsureOpen($"delete the {Head.Name} pod");
        State.Run = await DisruptionRun.StartAsync(cluster, nameof(HeadDisruption), _narrator.By);
    }

    [Step(2, "Wait for baseline metrics")]
    public Task Wait_for_baseline_metrics() => State.RequireRun().WaitBaselineAsync();

    [Step(3, "Delete the head pod")]
    public async Task Delete_the_head_pod()
    {
        var observer = new RayClusterObserver(cluster.Client, cluster.Namespace, cluster.Settings);
        var before = await observer.ObserveAsync();
        var pod = (await cluster.Inventory.ReadyPodsAsync(Head)).First();
        (State.OldHeadPod, State.OldHeadNodeId) = (pod.Metadata.Name, before.HeadNodeId);
        _narrator.By($"Deleting {Head.Name} pod: {PodFacts.Describe(pod)} (Ray node {before.HeadNodeId?[..Math.Min(8, before.HeadNodeId.Length)]})");
        State.DisruptedAt = await new PodDeleter(State.RequireRun().Target).DeleteAsync(pod, Head.Name);

        // Watched from the deletion on, so the reconnect time is measured to the poll interval, not to the end of a later step.
        State.Reconnection = observer.WaitUntilAsync(
            s => s.IsOperational && s.HeadPod != State.OldHeadPod && s.HeadNodeId is not null && s.HeadNodeId != State.OldHeadNodeId,
            Timing.NewHeadReadyWithin + Timing.WorkersReconnectWithin);
    }

    [Step(4, "Monitor service availability")]
    public async Task Monitor_service_availability()
    {
        State.Recovery = await State.RequireRun().MonitorUntilRecoveredAsync(Head, State.RequireDisruption(), Timing.MonitoringWindow);
    }

    [Step(5, "Verify the new head pod becomes Ready")]
    public void Verify_new_head_pod_becomes_ready() =>
        State.RequireRun().RefreshResult().Should().RecoverWithin(Head.Name, Timing.NewHeadReadyWithin);

    [Step(6, "Verify workers reconnect to the new head")]
    public async Task Verify_workers_reconnect()
    {
        var run = State.RequireRun();
        var (accepted, last) = await (State.Reconnection ?? throw new InvalidOperationException("The head was not deleted: step 3 did not run."));
        var readyAt = State.Recovery?.RecoveredAt;
        var took = accepted is not null && readyAt is not null ? accepted.Time - readyAt.Value : (TimeSpan?)null;
        var passed = took is not null && took.Value <= Timing.WorkersReconnectWithin;
        var actual = accepted is null ? $"not reconnected; last look: {last}"
            : readyAt is null ? $"all ALIVE on {accepted.HeadPod}, but the new head never counted as Ready"
            : $"{Math.Max(0, took!.Value.TotalSeconds):0.0} s after the new head was Ready ({accepted})";
        _narrator.By($"Workers on the new head: {actual}");
        ScenarioCheck.Require(run.Result,
            new CheckResult("workers_reconnect", $"Workers ALIVE on the new head within {Timing.WorkersReconnectWithin.TotalSeconds:0} s", passed,
                $"≤ {Timing.WorkersReconnectWithin.TotalSeconds:0} s", actual),
            $"Expected every {cluster.Settings.Target.Workers.Name} pod ALIVE on the new head within {Timing.WorkersReconnectWithin.TotalSeconds:0} s of it being Ready, but it was {actual}.");
    }

    [Step(7, "Stop load generator")]
    public Task Stop_load_generator() => State.RequireRun().StopAsync();

    [Step(8, "Collect and analyze metrics")]
    public async Task Collect_and_analyze_metrics()
    {
        var run = State.RequireRun();
        await run.StopAsync();
        var recoveredAt = State.Recovery?.RecoveredAt ?? State.RequireDisruption();
        using var scope = new AssertionScope();
        run.Result.Should().HaveOutageBelow(Timing.OutageBelow)
            .And.HaveSuccessRateAbove(Timing.SuccessRateAfterRecoveryAbovePercent, "after recovery", recoveredAt, run.Result.Timeline.MonitoringEnd)
            .And.EndWithReadyCount(Head.Name, Head.ExpectedCount);
    }
}
