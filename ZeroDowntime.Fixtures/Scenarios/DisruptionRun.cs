using k8s.Models;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Disruptions;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Probes;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>
/// One disruptive scenario's measurement session: event timeline (synced first), load and probe,
/// the baseline wait, disruption markers, monitoring until recovery + settle (capped at the
/// scenario's window), then stop, metrics and raw timelines. Its own cleanup scope undoes what the
/// scenario changed when it is disposed, even after a failed step.
/// </summary>
/// <example><code>
/// await using var run = await DisruptionRun.StartAsync(cluster, "SingleWorkerDisruption", narrator.By);
/// await run.WaitBaselineAsync();
/// var accepted = await new PodDeleter(run.Target).DeleteAsync(pod, "worker");
/// await run.MonitorUntilRecoveredAsync(settings.Target.Workers, accepted, settings.Timing.SingleWorker.MonitoringWindow);
/// var m = await run.StopAsync();   // m.DuringDisruption, m.MinimumReady("worker"), m.TotalDowntime ...
/// </code></example>
public sealed partial class DisruptionRun : IAsyncDisposable
{
    private readonly IScenarioHost _host;
    private readonly Action<string> _narrate;
    private readonly IClusterTimeline _timeline;
    private readonly AvailabilityProbe _probe;
    private ILoadGenerator? _load; // created right after the heading is printed
    private DisruptionMeasurements? _measurements;
    private LoadSummary? _loadSummary;
    private RawTimelineFlusher? _flusher; // appends the raw timelines while the scenario runs
    private Task _loadWatch = Task.CompletedTask; // records the load generator's death mid-run
    private bool _loadStopRequested;

    private DisruptionRun(IScenarioHost host, string scenario, Action<string> narrate, IClusterTimeline timeline, AvailabilityProbe probe)
    {
        _host = host;
        Scenario = scenario;
        _narrate = narrate;
        _timeline = timeline;
        _probe = probe;
        Result = host.Report.BeginScenario(scenario);
        host.ScenarioStarted(Result);
        foreach (var role in host.Settings.Target.Roles)
        {
            Result.Timeline.ExpectedReady[role.Name] = role.ExpectedCount;
        }

        Target = new DisruptionTarget(host.Client, host.Namespace, host.RunId, Cleanup, MarkEvent);
    }

    /// <summary>The scenario's result in the run's report; the verdict assertions read it.</summary>
    public ScenarioResult Result { get; }

    /// <summary>Scenario name (file names, reports).</summary>
    public string Scenario { get; }

    /// <summary>Undo actions of this scenario (uncordon...), run on dispose.</summary>
    public CleanupStack Cleanup { get; } = new();

    /// <summary>What disruptions need; markers go into this run's timeline.</summary>
    public DisruptionTarget Target { get; }

    /// <summary>The event timeline.</summary>
    public IClusterTimeline Timeline => _timeline;

    /// <summary>When load and probe started.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>The settings in force.</summary>
    public ZeroDowntimeSettings Settings => _host.Settings;

    /// <summary>Starts the timeline (synced), the load generator and the probe, in that order.</summary>
    public static Task<DisruptionRun> StartAsync(IScenarioHost host, string scenario, Action<string> narrate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var load = host.Settings.Timing.Load;
        return StartAsync(host, scenario, narrate, () => host.CreateLoad(load.JobDeadline, narrate),
            $"{load.RatePerSecond:0.##} req/s, {load.Concurrency} concurrent", ct);
    }

    /// <summary>As <see cref="StartAsync(IScenarioHost, string, Action{string}, CancellationToken)"/>, with a ramping load instead of the constant one.</summary>
    public static Task<DisruptionRun> StartAsync(IScenarioHost host, string scenario, Action<string> narrate, RampingLoad ramp, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(ramp);
        return StartAsync(host, scenario, narrate, () => host.CreateRampingLoad(ramp.Stages, ramp.Concurrency, ramp.Duration, narrate),
            $"{LoadStages.Format(ramp.Stages)}, then held; {ramp.Concurrency} concurrent", ct);
    }

    private static async Task<DisruptionRun> StartAsync(IScenarioHost host, string scenario, Action<string> narrate, Func<ILoadGenerator> createLoad, string shape, CancellationToken ct)
    {
        var settings = host.Settings;
        var timeline = host.CreateTimeline();
        var probe = new AvailabilityProbe(host.Request, new AvailabilityProbeOptions
        {
            Rate = settings.Probe.RatePerSecond,
            AttemptTimeout = settings.Probe.Timeout,
            ConnectionMode = TargetRequests.ToConnectionMode(settings.Probe.Mode),
        });
        // The run prints the scenario's heading; the load generator's choice is narrated under it.
        var run = new DisruptionRun(host, scenario, narrate, timeline, probe);
        try
        {
            var load = run._load = createLoad();
            narrate("Recording pod and node events");
            await timeline.StartAsync(ct).ConfigureAwait(false);
            var connections = settings.Timing.Load.Mode == ConnectionMode.FreshConnection ? ", a new connection per request" : string.Empty;
            narrate($"Starting load ({load.Name}, {shape}{connections}) " +
                    $"and the availability probe ({settings.Probe.RatePerSecond:0.##}/s) against {host.Request.Uri}");
            using var startDeadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            startDeadline.CancelAfter(settings.Timing.Load.StartTimeout);
            using (Xunit.LiveProgress.Waiting($"the load generator ({load.Name}) to send", settings.Timing.Load.StartTimeout, "ZD_TIMING__LOAD__START_TIMEOUT"))
            {
                await load.StartAsync(startDeadline.Token).ConfigureAwait(false);
            }

            probe.Start();
            run._loadWatch = run.WatchLoadAsync(load);
            run.StartedAt = MeasurementClock.UtcNow;
            run.Result.Timeline.LoadStartedAt = run.StartedAt;
            timeline.Mark(new ClusterEvent(run.StartedAt, ClusterEventKind.Marker, Detail: "load and probe started"));
            run._flusher = host.StartRawTimelines(run.Result, new RawTimelineSources([() => load.Attempts, () => probe.Attempts], () => timeline.Events));
            return run;
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The scenario's mandated baseline: load runs this long before the disruption.</summary>
    public Task WaitBaselineAsync(CancellationToken ct = default)
    {
        _narrate($"Collecting baseline metrics for {Settings.Timing.BaselineWait.TotalSeconds:0.#} s");
        // The baseline wait is itself the behaviour the scenario prescribes, not a settle-and-hope delay.
        return HoldAsync(Settings.Timing.BaselineWait, "the baseline (ZD_TIMING__BASELINE_WAIT)", ct);
    }

    /// <summary>
    /// A wait the scenario itself prescribes (a baseline, the interval between disruptions) while load and
    /// probe keep measuring; a long one says every progress interval how far it is.
    /// </summary>
    /// <param name="duration">How long to hold.</param>
    /// <param name="what">What the hold is, for the progress line, e.g. "the interval between deletions (ZD_TIMING__SEQUENTIAL__INTERVAL)".</param>
    /// <param name="ct">Cancels the hold.</param>
    public Task HoldAsync(TimeSpan duration, string what, CancellationToken ct = default) => MandatedWait.HoldAsync(Result, duration, what, ct);

    /// <summary>
    /// Records that the API accepted a disruption the scenario sent itself (a delete, an eviction) of
    /// <paramref name="pod"/> of <paramref name="role"/>, and returns that instant: recovery and
    /// "during the disruption" are measured from it. <see cref="PodDeleter"/> and <see cref="NodeDrainer"/> mark their own.
    /// </summary>
    /// <example><code>
    /// await cluster.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, cluster.Namespace);
    /// State.DisruptedAt = run.MarkDisruptionAccepted(pod, "redis");
    /// </code></example>
    public DateTimeOffset MarkDisruptionAccepted(V1Pod pod, string role, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var accepted = MeasurementClock.UtcNow;
        MarkEvent(new ClusterEvent(accepted, ClusterEventKind.DisruptionAccepted, role, pod.Metadata.Name, pod.Metadata.Uid, PodFacts.NodeOf(pod),
            detail ?? $"disrupted pod {pod.Metadata.Name}"));
        return accepted;
    }

    /// <summary>Adds a marker (a step boundary, a check) to the timeline.</summary>
    public void Mark(string detail) => _timeline.Mark(new ClusterEvent(MeasurementClock.UtcNow, ClusterEventKind.Marker, Detail: detail));

    /// <summary>A step that threw (not a check) leaves no failed check: the report must still not say pass.</summary>
    internal static void MarkFailedStep(ScenarioResult result)
    {
        if (Xunit.ScenarioOutcome.FailedStep(result.Name) is { } failure && result.Status != ScenarioStatus.Fail)
        {
            result.Error(failure);
        }
    }

    private void MarkEvent(ClusterEvent e)
    {
        _timeline.Mark(e);
        if (e.Kind == ClusterEventKind.DisruptionAccepted)
        {
            // Every disruption is narrated when the API accepts it, whoever sent it: the live view shows it then.
            _narrate($"Disruption accepted: {e.Detail ?? $"{e.Role} {e.Pod}"}");
            Result.MarkDisruption(e.Time, e.Detail ?? $"{e.Role} {e.Pod}");
            Result.Timeline.MonitoringStart ??= e.Time;
        }
    }

    // The last flush, then the reporter's complete, sorted files replace the appended ones.
    private async Task StopFlushingAsync()
    {
        if (_flusher is not null)
        {
            await _flusher.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_measurements is null && _load is not null)
        {
            try
            {
                await StopAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _narrate($"Stopping the measurement failed: {ApiFailures.Explain(e)}");
            }
        }

        var errors = await Cleanup.RunAsync(_narrate).ConfigureAwait(false);
        foreach (var error in errors)
        {
            _narrate($"Cleanup failed: {error}");
            Result.Error($"cleanup failed: {error}");
        }

        MarkFailedStep(Result);
        Result.Finish(MeasurementClock.UtcNow);
        await StopFlushingAsync().ConfigureAwait(false);
        try
        {
            await _host.ScenarioFinishedAsync(Result).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _narrate($"Writing the reports failed: {e.Message}");
        }

        await _probe.DisposeAsync().ConfigureAwait(false);
        if (_load is not null)
        {
            await _load.DisposeAsync().ConfigureAwait(false);
        }
        await _timeline.DisposeAsync().ConfigureAwait(false);
    }
}
