using System.Globalization;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Disruptions;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Probes;
using ZeroDowntime.Fixtures.Scenarios;

namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>
/// NetworkPartition's plumbing: a second availability probe in the other connection mode (new and open
/// connections recover differently), the partition policy, the proof of effect from the system's own
/// view, the mandated hold, the removal, and the wait for the isolated side to reconnect. Looks at the
/// system happen every <c>RAY_STATE_POLL_INTERVAL</c> (the state API and the log have no watch).
/// </summary>
public sealed class PartitionRun
{
    private readonly DisruptionRun _run;
    private readonly IScenarioHost _host;
    private readonly AvailabilityProbe _second;
    private readonly NetworkPartitioner _partitioner;
    private IPartitionEvidence? _evidence;

    private PartitionRun(DisruptionRun run, IScenarioHost host, AvailabilityProbe second)
    {
        _run = run;
        _host = host;
        _second = second;
        _partitioner = new NetworkPartitioner(run.Target);
        Plan = PartitionPlan.For(host.Settings);
    }

    /// <summary>What is cut.</summary>
    public PartitionPlan Plan { get; }

    /// <summary>The policy's name.</summary>
    public string PolicyName => $"{_host.RunId}-partition";

    /// <summary>The second probe's connection mode (the main probe has the other).</summary>
    public ConnectionMode SecondMode => _second.Options.ConnectionMode;

    /// <summary>The second probe's attempt source (<c>probe-keep-alive</c>, or <c>probe-fresh-connection</c> when the main probe keeps connections).</summary>
    public string SecondSource => _second.Options.Source;

    /// <summary>When the policy was accepted; null before.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>When its deletion was accepted; null before.</summary>
    public DateTimeOffset? RemovedAt { get; private set; }

    /// <summary>The first look that showed the cut; null when none did.</summary>
    public PartitionLook? Proof { get; private set; }

    /// <summary>The first look after the removal that showed the link working; null when none did.</summary>
    public PartitionLook? Reconnected { get; private set; }

    /// <summary>The last look taken (the evidence when a proof or reconnection did not come).</summary>
    public PartitionLook? LastLook { get; private set; }

    /// <summary>The evidence in use (after <see cref="CreateAsync"/>).</summary>
    public IPartitionEvidence Evidence => _evidence ?? throw new InvalidOperationException("The partition was not created: its step did not run.");

    private NetworkPartitionTiming Timing => _host.Settings.Timing.NetworkPartition;

    /// <summary>Starts the probe in the connection mode the run's own probe does not use; it is stopped with the run at the latest.</summary>
    public static PartitionRun Start(DisruptionRun run, IScenarioHost host)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(host);
        var main = TargetRequests.ToConnectionMode(host.Settings.Probe.Mode);
        var mode = main == ConnectionMode.KeepAlive ? ConnectionMode.FreshConnection : ConnectionMode.KeepAlive;
        var probe = new AvailabilityProbe(host.Request, new AvailabilityProbeOptions
        {
            Rate = host.Settings.Probe.RatePerSecond,
            AttemptTimeout = host.Settings.Probe.Timeout,
            ConnectionMode = mode,
            Source = mode == ConnectionMode.KeepAlive ? "probe-keep-alive" : "probe-fresh-connection",
        });
        run.Cleanup.Push("stop the second probe", async _ => await probe.DisposeAsync().ConfigureAwait(false));
        probe.Start();
        return new PartitionRun(run, host, probe);
    }

    /// <summary>In words, for a probe's connection mode.</summary>
    public static string Describe(ConnectionMode mode) => mode == ConnectionMode.KeepAlive ? "open connections" : "new connections";

    /// <summary>Creates the policy that cuts the isolated pods (Ready now) off from the peer's pods (by label, and by their current IPs).</summary>
    public async Task CreateAsync(CancellationToken ct = default)
    {
        var inventory = new TargetInventory(_host.Client, _host.Namespace, _host.Settings.Target);
        var isolated = (await inventory.ReadyPodsAsync(Plan.Isolated, ct).ConfigureAwait(false)).Select(p => p.Metadata.Name).Order(StringComparer.Ordinal).ToList();
        var peerIps = (await inventory.PodsAsync(Plan.Peer, ct).ConfigureAwait(false)).Select(p => p.Status?.PodIP).OfType<string>().ToList();
        _evidence = Plan.Evidence(_host.Client, _host.Namespace, _host.Settings, isolated);
        var policy = PartitionPolicy.Build(PolicyName, _host.Namespace, _host.RunId, Plan.Name, Plan.Isolated, Plan.Peer, peerIps);
        StartedAt = await _partitioner.CreateAsync(policy, Plan.Isolated.Name, Plan.Label, ct).ConfigureAwait(false);
    }

    /// <summary>Looks until the evidence shows the cut, for at most the hold; the proof, or null with <see cref="LastLook"/>.</summary>
    public async Task<PartitionLook?> ProveAsync(CancellationToken ct = default)
    {
        var since = StartedAt ?? throw new InvalidOperationException("The partition was not created: its step did not run.");
        Proof = await LookUntilAsync(since, since + Timing.Duration, l => l.Cut, ct).ConfigureAwait(false);
        return Proof;
    }

    /// <summary>Keeps the partition until its duration has passed since it was created (the scenario's own mandated hold).</summary>
    public Task HoldAsync(CancellationToken ct = default)
    {
        var left = (StartedAt ?? MeasurementClock.UtcNow) + Timing.Duration - MeasurementClock.UtcNow;
        // The duration began when the policy was created; the proof was looked for inside it, so all of it is mandated.
        var passed = left <= TimeSpan.Zero ? Timing.Duration : left >= Timing.Duration ? TimeSpan.Zero : Timing.Duration - left;
        _run.Result.AddMandatedWait(passed);
        return Scenarios.MandatedWait.HoldAsync(_run.Result, left, "the partition's duration (ZD_TIMING__NETWORK_PARTITION__DURATION)", ct);
    }

    /// <summary>Deletes the policy; its removal is also registered in the run's cleanup from the moment it was created.</summary>
    public async Task RemoveAsync(CancellationToken ct = default)
    {
        RemovedAt = await _partitioner.RemoveAsync(ct).ConfigureAwait(false);
        _run.Result.MarkDisruption(RemovedAt.Value, $"delete NetworkPolicy {PolicyName}");
    }

    /// <summary>Looks until the evidence shows the link working again, for at most <c>RECOVERY_WITHIN</c> after the removal.</summary>
    public async Task<PartitionLook?> WaitReconnectedAsync(CancellationToken ct = default)
    {
        var since = RemovedAt ?? throw new InvalidOperationException("The partition was not removed: its step did not run.");
        Reconnected = await LookUntilAsync(since, since + Timing.RecoveryWithin, l => l.Restored, ct).ConfigureAwait(false);
        return Reconnected;
    }

    /// <summary>Stops the second probe (attempts in flight end by their timeout) and puts its attempts in the raw timeline.</summary>
    public async Task<IReadOnlyList<AttemptRecord>> StopSecondProbeAsync(CancellationToken ct = default)
    {
        var attempts = await _second.StopAsync(ct).ConfigureAwait(false);
        _run.Result.Timeline.AdditionalAttempts = attempts;
        return attempts;
    }

    /// <summary>The window in words: <c>12:00:01.23 → 12:00:11.25 UTC (10.0 s)</c>.</summary>
    public string Window() => StartedAt is not { } from ? "not created"
        : RemovedAt is not { } to ? $"{Clock(from)} → still in place"
        : string.Create(CultureInfo.InvariantCulture, $"{Clock(from)} → {Clock(to)} UTC ({(to - from).TotalSeconds:0.0} s)");

    /// <summary>A look in words, relative to <paramref name="since"/>: <c>12:00:06.80, 5.6 s after ...: what was seen</c>.</summary>
    public static string Describe(PartitionLook look, DateTimeOffset since, string after)
    {
        ArgumentNullException.ThrowIfNull(look);
        return string.Create(CultureInfo.InvariantCulture, $"{Clock(look.Time)} UTC, {(look.Time - since).TotalSeconds:0.0} s after {after}: {look.Summary}");
    }

    private static string Clock(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss.ff", CultureInfo.InvariantCulture);

    private async Task<PartitionLook?> LookUntilAsync(DateTimeOffset since, DateTimeOffset deadline, Func<PartitionLook, bool> accept, CancellationToken ct)
    {
        while (true)
        {
            LastLook = await Evidence.LookAsync(since, ct).ConfigureAwait(false);
            if (accept(LastLook))
            {
                return LastLook;
            }

            if (MeasurementClock.UtcNow + _host.Settings.Timing.RayStatePollInterval > deadline)
            {
                return null;
            }

            // Neither the state API nor the log can be watched; the poll interval is configuration.
            await Task.Delay(_host.Settings.Timing.RayStatePollInterval, ct).ConfigureAwait(false);
        }
    }
}
