using k8s.Models;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Scenarios;

namespace ZeroDowntime.Fixtures.Autoscaling;

/// <summary>
/// One autoscaling run: a <see cref="DisruptionRun"/> (pod timeline, availability probe, and a ramping
/// load: the baseline rate first, then <c>ZD_TIMING__AUTOSCALING__LOAD_STAGES</c>) plus an
/// <see cref="AutoscalingRecorder"/> (the HPA's status and events, the workers' CPU). Every wait is
/// either a stage of the load plan or event-driven on the Ready-count timeline with a named deadline.
/// </summary>
/// <example><code>
/// var run = await AutoscalingRun.StartAsync(cluster, nameof(Autoscaling), hpa, narrate);
/// await run.WaitForTopStageAsync();
/// var up = await run.WaitForScaleUpAsync();     // verdict: AutoscalingVerdicts.ScaleUp(run.Timeline, up, ...)
/// await run.HoldAsync(); await run.StopLoadAsync();
/// var down = await run.WaitForScaleDownAsync();
/// </code></example>
public sealed class AutoscalingRun : IAsyncDisposable
{
    private readonly Action<string> _narrate;
    private readonly AutoscalingRecorder _recorder;
    private readonly RoleSettings _workers;
    private readonly AutoscalingTiming _timing;

    private AutoscalingRun(DisruptionRun run, AutoscalingRecorder recorder, AutoscalingTimeline timeline, RoleSettings workers, AutoscalingTiming timing, Action<string> narrate)
    {
        Run = run;
        _recorder = recorder;
        Timeline = timeline;
        _workers = workers;
        _timing = timing;
        _narrate = narrate;
    }

    /// <summary>Load, probe, pod timeline and the scenario's result.</summary>
    public DisruptionRun Run { get; }

    /// <summary>The HPA side of the run (also on <c>Run.Result.Autoscaling</c>).</summary>
    public AutoscalingTimeline Timeline { get; }

    /// <summary>The plan: the baseline stage at <c>ZD_TIMING__LOAD__RATE</c>, then the configured stages.</summary>
    public static IReadOnlyList<LoadStage> Plan(ZeroDowntimeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var timing = settings.Timing.Autoscaling;
        return [new LoadStage(settings.Timing.Load.RatePerSecond, timing.Baseline), .. LoadStages.Parse(timing.LoadStages)];
    }

    /// <summary>Starts the HPA recorder (synced), then load and probe with the plan.</summary>
    public static async Task<AutoscalingRun> StartAsync(IScenarioHost host, string scenario, V2HorizontalPodAutoscaler hpa, Action<string> narrate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(hpa);
        var settings = host.Settings;
        var timing = settings.Timing.Autoscaling;
        var plan = Plan(settings);
        var timeline = new AutoscalingTimeline
        {
            Role = settings.Target.Workers.Name,
            HpaName = hpa.Metadata.Name,
            MinReplicas = hpa.Spec.MinReplicas ?? 1,
            MaxReplicas = hpa.Spec.MaxReplicas,
            ExpectedReplicas = timing.ExpectedReplicas ?? hpa.Spec.MaxReplicas,
            TargetUtilization = hpa.Spec.Metrics?.FirstOrDefault(m => m.Resource?.Name == "cpu")?.Resource?.Target?.AverageUtilization,
            Stages = plan,
        };
        var recorder = new AutoscalingRecorder(host.Client, host.Namespace, hpa.Metadata.Name, settings.Target.Workers.Selector, timeline, host.Gate.ContextName, narrate);
        narrate($"Recording HorizontalPodAutoscaler {hpa.Metadata.Name} (min {timeline.MinReplicas}, max {timeline.MaxReplicas}" +
                $"{(timeline.TargetUtilization is { } t ? $", cpu target {t}%" : "")}) and the workers' CPU from the metrics API");
        try
        {
            await recorder.StartAsync(ct).ConfigureAwait(false);
            // Long enough for every stage, the scale-up deadline and the hold; the scenario stops it earlier.
            var longest = plan.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration) + timing.ScaleUpWithin + timing.Hold + settings.Timing.Load.RequestTimeout;
            var run = await DisruptionRun.StartAsync(host, scenario, narrate, new RampingLoad(plan, timing.Concurrency, longest), ct).ConfigureAwait(false);
            timeline.LoadStartedAt = run.StartedAt;
            run.Result.Autoscaling = timeline;
            return new AutoscalingRun(run, recorder, timeline, settings.Target.Workers, timing, narrate);
        }
        catch
        {
            await recorder.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits (the plan's own schedule) until <paramref name="stage"/> begins.</summary>
    public Task WaitForStageAsync(int stage, CancellationToken ct = default)
    {
        var start = Timeline.LoadStartedAt!.Value + LoadStages.Starts(Timeline.Stages)[stage];
        var wait = start - MeasurementClock.UtcNow;
        Run.Mark($"stage {stage + 1}: {Timeline.Stages[stage].Rate:0.##} req/s");
        // The stages are the load the scenario prescribes, not a settle-and-hope delay.
        return Scenarios.MandatedWait.HoldAsync(Run.Result, wait, $"the load stage before stage {stage + 1} (ZD_TIMING__AUTOSCALING__LOAD_STAGES)", ct);
    }

    /// <summary>Waits until the last (top) stage begins.</summary>
    public Task WaitForTopStageAsync(CancellationToken ct = default) => WaitForStageAsync(Timeline.Stages.Count - 1, ct);

    /// <summary>Waits on pod events until the expected replicas are Ready, at most until the deadline after the top stage began.</summary>
    public async Task<ReplicaReach> WaitForScaleUpAsync(CancellationToken ct = default)
    {
        var step = Timeline.TopStageAt!.Value;
        var deadline = step + _timing.ScaleUpWithin;
        _narrate($"Waiting for {Timeline.ExpectedReplicas} Ready {_workers.Name} pods (by {Reporting.ReportFormat.Time(deadline)})");
        await WaitAsync(events => AutoscalingAnalysis.ReachAtLeast(events, _workers.Name, step, deadline, Timeline.ExpectedReplicas).At is not null,
            deadline, $"{Timeline.ExpectedReplicas} Ready {_workers.Name} pods", ct).ConfigureAwait(false);
        var reach = AutoscalingAnalysis.ReachAtLeast(Run.Timeline.Events, _workers.Name, step, deadline, Timeline.ExpectedReplicas);
        Timeline.ScaledUpAt = reach.At;
        if (reach.At is { } at)
        {
            Run.Mark($"scaled up to {Timeline.ExpectedReplicas}");
            _narrate($"{Timeline.ExpectedReplicas} {_workers.Name} pods Ready {(at - step).TotalSeconds:0.0} s after the step to the top stage");
        }

        return reach;
    }

    /// <summary>Keeps the top load running for the hold (the scenario's prescribed measurement window).</summary>
    public Task HoldAsync(CancellationToken ct = default)
    {
        _narrate($"Holding the top load for {_timing.Hold.TotalSeconds:0.#} s");
        return Scenarios.MandatedWait.HoldAsync(Run.Result, _timing.Hold, "the hold at the top load (ZD_TIMING__AUTOSCALING__HOLD)", ct);
    }

    /// <summary>Stops the load; the probe keeps measuring availability while the HPA scales down.</summary>
    public async Task StopLoadAsync(CancellationToken ct = default)
    {
        await Run.StopLoadAsync(ct).ConfigureAwait(false);
        Timeline.LoadStoppedAt = Run.LoadStoppedAt;
    }

    /// <summary>Waits on pod events until the workers are back at the minimum, at most until the deadline after the load stopped.</summary>
    public async Task<ReplicaReach> WaitForScaleDownAsync(CancellationToken ct = default)
    {
        var stopped = Timeline.LoadStoppedAt ?? throw new InvalidOperationException("The load has not been stopped.");
        var deadline = stopped + _timing.ScaleDownWithin;
        _narrate($"Waiting for the {_workers.Name} pods back at {Timeline.MinReplicas} (by {Reporting.ReportFormat.Time(deadline)})");
        await WaitAsync(events => AutoscalingAnalysis.ReachAtMost(events, _workers.Name, stopped, deadline, Timeline.MinReplicas).At is not null,
            deadline, $"{Timeline.MinReplicas} Ready {_workers.Name} pods", ct).ConfigureAwait(false);
        var reach = AutoscalingAnalysis.ReachAtMost(Run.Timeline.Events, _workers.Name, stopped, deadline, Timeline.MinReplicas);
        Timeline.ScaledDownAt = reach.At;
        if (reach.At is { } at)
        {
            Run.Mark($"back to {Timeline.MinReplicas}");
            _narrate($"{_workers.Name} pods back at {Timeline.MinReplicas} {(at - stopped).TotalSeconds:0.0} s after the load stopped");
        }

        return reach;
    }

    /// <summary>Stops probe, load and recorders (idempotent).</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        await Run.StopAsync(ct).ConfigureAwait(false);
        await _recorder.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _recorder.DisposeAsync().ConfigureAwait(false);
        await Run.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WaitAsync(Func<IReadOnlyList<ClusterEvent>, bool> condition, DateTimeOffset deadline, string what, CancellationToken ct)
    {
        var remaining = deadline - MeasurementClock.UtcNow;
        try
        {
            await Run.Timeline.WaitUntilAsync(condition, remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1), what, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Not a failure of the wait: the verdict says what was expected and what was seen.
            _narrate($"{what}: not reached by {Reporting.ReportFormat.Time(deadline)}");
        }
    }
}
