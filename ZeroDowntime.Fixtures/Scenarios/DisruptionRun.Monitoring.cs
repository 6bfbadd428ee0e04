using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Scenarios;

public sealed partial class DisruptionRun
{
    /// <summary>
    /// Watches until <paramref name="role"/> is back at its expected Ready count after the disruption
    /// accepted at <paramref name="acceptedAt"/>, then keeps monitoring for the settle period; all of
    /// it capped at <paramref name="window"/> from <paramref name="acceptedAt"/>. Never throws on
    /// a missed recovery: the result says so and the scenario's check fails with the evidence.
    /// </summary>
    public async Task<RecoveryResult> MonitorUntilRecoveredAsync(RoleSettings role, DateTimeOffset acceptedAt, TimeSpan window, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        var windowEnd = acceptedAt + window;
        _narrate($"Monitoring availability until {role.ExpectedCount} {role.Name} pod(s) are Ready again, then {Settings.Timing.SettlePeriod.TotalSeconds:0.#} s more (at most {window.TotalSeconds:0} s)");
        var remaining = windowEnd - MeasurementClock.UtcNow;
        try
        {
            await _timeline.WaitUntilAsync(
                // Degraded first, then back: right after the call the count is often still the old one.
                events => Recovery.Measure(events, role.Name, acceptedAt, role.ExpectedCount) is { DegradedAt: not null, Recovered: true },
                remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1),
                $"{role.ExpectedCount} {role.Name} pod(s) Ready again", ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _narrate($"{role.Name}: not back at {role.ExpectedCount} Ready within the {window.TotalSeconds:0} s window");
        }

        var recovery = Recovery.Measure(_timeline.Events, role.Name, acceptedAt, role.ExpectedCount);
        if (recovery.Recovered)
        {
            _narrate($"{role.Name}: {role.ExpectedCount} Ready again {recovery.Duration!.Value.TotalSeconds:0.0} s after the disruption");
        }

        await SettleAsync(windowEnd, ct).ConfigureAwait(false);
        return Recovery.Measure(_timeline.Events, role.Name, acceptedAt, role.ExpectedCount, observedUntil: MeasurementClock.UtcNow);
    }

    /// <summary>
    /// Waits, from the watch events, until every target pod whose disruption was accepted is deleted, but
    /// not past <paramref name="limit"/> after the last acceptance: a pod still terminating when its role
    /// has recovered is judged on its deletion, not on when the monitoring happened to end.
    /// </summary>
    public async Task WaitForTerminationsAsync(TimeSpan limit, CancellationToken ct = default)
    {
        var terminations = Recovery.Terminations(_timeline.Events);
        if (terminations.All(t => t.DeletedAt is not null))
        {
            return;
        }

        var left = terminations.Max(t => t.AcceptedAt) + limit - MeasurementClock.UtcNow;
        try
        {
            await _timeline.WaitUntilAsync(
                events => Recovery.Terminations(events).All(t => t.DeletedAt is not null),
                left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1),
                "every disrupted pod deleted", ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _narrate($"Not every disrupted pod was deleted within {limit.TotalSeconds:0.#} s");
        }
    }

    private Load.ILoadGenerator Load => _load ?? throw new InvalidOperationException("The load generator was not created; see the first step's error.");

    /// <summary>Keeps load and probe running for the settle period, but not past <paramref name="windowEnd"/>.</summary>
    public Task SettleAsync(DateTimeOffset windowEnd, CancellationToken ct = default)
    {
        var settle = Settings.Timing.SettlePeriod;
        var left = windowEnd - MeasurementClock.UtcNow;
        var wait = left < settle ? left : settle;
        // The settle period is monitoring the scenario prescribes: traffic keeps flowing and is measured.
        return wait > TimeSpan.Zero ? HoldAsync(wait, "the settle period (ZD_TIMING__SETTLE_PERIOD)", ct) : Task.CompletedTask;
    }

    /// <summary>
    /// Brings <see cref="Result"/> up to now (attempts and events so far, metrics recomputed) so a
    /// step can judge before load stops, e.g. "the replacement was Ready within the limit".
    /// </summary>
    public ScenarioResult RefreshResult()
    {
        if (_measurements is null)
        {
            Fill(_probe.Attempts, Load.Attempts, _timeline.Events, MeasurementClock.UtcNow, Load.Summary);
        }

        return Result;
    }

    private void Fill(IReadOnlyList<AttemptRecord> probe, IReadOnlyList<AttemptRecord> load, IReadOnlyList<ClusterEvent> events, DateTimeOffset end, Load.LoadSummary? summary)
    {
        Result.Timeline.ProbeAttempts = probe;
        Result.Timeline.LoadAttempts = load;
        Result.Timeline.Events = events;
        Result.Timeline.MonitoringStart ??= StartedAt;
        Result.Timeline.MonitoringEnd = end;
        Result.ComputeMetrics(summary);
    }

    /// <summary>When <see cref="StopLoadAsync"/> stopped the load while the probe kept running; null otherwise.</summary>
    public DateTimeOffset? LoadStoppedAt { get; private set; }

    /// <summary>
    /// Stops only the load (waiting for its attempts in flight); the probe and the timeline keep
    /// running, so availability is still measured (e.g. while an autoscaler scales back down).
    /// </summary>
    public async Task<LoadSummary> StopLoadAsync(CancellationToken ct = default)
    {
        if (_loadSummary is { } stopped)
        {
            return stopped;
        }

        _narrate("Stopping the load; the probe keeps running");
        LoadStoppedAt = MeasurementClock.UtcNow;
        Mark("load stopped");
        _loadSummary = await StopLoadGeneratorAsync(ct).ConfigureAwait(false);
        return _loadSummary;
    }

    /// <summary>Stops probe and load (waiting for attempts in flight), stops the timeline, computes and records the measurements, writes the raw timelines.</summary>
    public async Task<DisruptionMeasurements> StopAsync(CancellationToken ct = default)
    {
        if (_measurements is not null)
        {
            return _measurements;
        }

        _narrate("Stopping load and probe");
        var stoppedAt = MeasurementClock.UtcNow;
        var probeAttempts = await _probe.StopAsync(ct).ConfigureAwait(false);
        var summary = _loadSummary ?? await StopLoadGeneratorAsync(ct).ConfigureAwait(false);
        await _timeline.StopAsync().ConfigureAwait(false);
        await StopFlushingAsync().ConfigureAwait(false);
        var events = _timeline.Events;
        var disruptionAt = events.Where(e => e.Kind == ClusterEventKind.DisruptionAccepted).Select(e => (DateTimeOffset?)e.Time).Min();
        _measurements = new DisruptionMeasurements(Scenario, StartedAt, disruptionAt, stoppedAt, probeAttempts, Load.Attempts, summary, events);
        Fill(probeAttempts, Load.Attempts, events, stoppedAt, summary);
        var load = SuccessRates.Overall(_measurements.LoadAttempts);
        var probe = SuccessRates.Overall(_measurements.ProbeAttempts);
        _narrate($"Success rate: {load.Ratio * 100:0.0}% ({load.Successes}/{load.Attempts} load requests); probe {probe.Ratio * 100:0.0}% ({probe.Successes}/{probe.Attempts}); " +
                 $"downtime {_measurements.TotalDowntime.TotalSeconds:0.00} s in {_measurements.DowntimeWindows.Count} window(s)");
        return _measurements;
    }

}
