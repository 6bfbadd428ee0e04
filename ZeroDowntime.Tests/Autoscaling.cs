using FluentAssertions.Execution;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Autoscaling;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Tests;

/// <summary>
/// Seeds 002 and 004: under a ramping load the HorizontalPodAutoscaler scales the workers up, latency
/// and errors stay in bounds, throughput grows with the pods, and after the load the workers go back
/// to the minimum. Every figure comes from recorded timelines: Ready counts from pod watch events, the
/// HPA's decisions from its watch and events, CPU from the resource metrics API.
/// </summary>
[Scenario(nameof(Autoscaling), Order = 90)]
[Collection(ClusterFixture.CollectionName)]
public sealed class Autoscaling(ClusterFixture cluster, ScenarioContext<AutoscalingState> context, ITestOutputHelper output)
    : IClassFixture<ScenarioContext<AutoscalingState>>
{
    private readonly Narrator _narrator = new(output);

    private AutoscalingState State => context.State;

    private RoleSettings Workers => cluster.Settings.Target.Workers;

    private AutoscalingTiming Timing => cluster.Settings.Timing.Autoscaling;

    [Step(1, "Verify the metrics API answers and an HPA scales the workers")]
    public async Task Verify_prerequisites()
    {
        var result = State.BeginPrerequisites(cluster, nameof(Autoscaling));
        var (hpa, problems) = await AutoscalingPrerequisites.CheckAsync(cluster, result);
        Execute.Assertion.ForCondition(problems.Count == 0).FailWith(string.Join(" ", problems).Replace('{', '(').Replace('}', ')'));
        State.Hpa = hpa;
        _narrator.By($"HorizontalPodAutoscaler {HpaLocator.Describe(hpa!)}; load plan: {Fixtures.Load.LoadStages.Format(AutoscalingRun.Plan(cluster.Settings))}, then held");
    }

    [Step(2, "Start the load and collect a baseline at minimum replicas")]
    public async Task Collect_baseline()
    {
        State.Run = await AutoscalingRun.StartAsync(cluster, nameof(Autoscaling), State.Hpa!, _narrator.By);
        foreach (var check in State.Prerequisites!.Checks)
        {
            State.Run.Run.Result.Record(check);
        }

        await State.Run.WaitForStageAsync(1);
    }

    [Step(3, "Ramp the load to the top stage")]
    public Task Ramp_the_load() => State.RequireRun().WaitForTopStageAsync();

    [Step(4, "Wait for the HPA to scale up")]
    public async Task Wait_for_scale_up()
    {
        var run = State.RequireRun();
        var reach = await run.WaitForScaleUpAsync();
        var (check, failure) = AutoscalingVerdicts.ScaleUp(run.Timeline, reach, Timing.ScaleUpWithin, Workers.Name);
        ScenarioCheck.Require(run.Run.Result, check, failure);
    }

    [Step(5, "Hold the top load")]
    public Task Hold_the_top_load() => State.RequireRun().HoldAsync();

    [Step(6, "Stop the load")]
    public Task Stop_the_load() => State.RequireRun().StopLoadAsync();

    [Step(7, "Wait for the HPA to scale back down")]
    public async Task Wait_for_scale_down()
    {
        var run = State.RequireRun();
        var reach = await run.WaitForScaleDownAsync();
        var (check, failure) = AutoscalingVerdicts.ScaleDown(run.Timeline, reach, Timing.ScaleDownWithin, Workers.Name);
        ScenarioCheck.Require(run.Run.Result, check, failure);
    }

    [Step(8, "Collect and analyze metrics")]
    public async Task Collect_and_analyze_metrics()
    {
        var run = State.RequireRun();
        await run.StopAsync();
        var result = run.Run.Result;
        var timeline = run.Timeline;
        var events = result.Timeline.Events;
        var (start, end) = (timeline.LoadStartedAt!.Value, result.Timeline.MonitoringEnd!.Value);
        var baselineEnd = start + timeline.Stages[0].Duration;
        var (holdFrom, holdTo) = (timeline.ScaledUpAt!.Value, timeline.LoadStoppedAt!.Value);
        var load = result.Timeline.LoadAttempts;
        var baselineReady = ReadyCounts.CountAt(events, Workers.Name, start);
        var perPod = AutoscalingAnalysis.Throughput(load, start, baselineEnd) is { } b && baselineReady > 0 ? b / baselineReady : (double?)null;

        using var scope = new AssertionScope();
        Require(result, AutoscalingVerdicts.NeverAboveMax(timeline, AutoscalingAnalysis.MostReady(events, Workers.Name, start, end),
            AutoscalingAnalysis.MostDesired(timeline, start, end), Workers.Name));
        Require(result, AutoscalingVerdicts.ErrorRate(load, result.Timeline.ProbeAttempts, Timing.ErrorRateBelowPercent));
        Require(result, AutoscalingVerdicts.Latency(LatencyDistribution.Of(AutoscalingAnalysis.Between(load, start, baselineEnd)),
            LatencyDistribution.Of(AutoscalingAnalysis.Between(load, holdFrom, holdTo)), Timing.P95Factor));
        Require(result, AutoscalingVerdicts.Throughput(AutoscalingAnalysis.Throughput(load, holdFrom, holdTo),
            AutoscalingAnalysis.Between(load, holdFrom, holdTo).Count(a => a.Succeeded), holdTo - holdFrom,
            ReadyCounts.CountAt(events, Workers.Name, holdFrom), perPod, Timing.ThroughputShare, Workers.Name));
    }

    private static void Require(ScenarioResult result, (CheckResult Check, string Failure) verdict) =>
        ScenarioCheck.Require(result, verdict.Check, verdict.Failure);
}
