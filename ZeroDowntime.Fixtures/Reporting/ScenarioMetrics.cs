using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// The numbers of one scenario, as summary.json and the console show them. Every field is optional:
/// a scenario that failed half-way reports what it measured and "n/a" for the rest.
/// </summary>
/// <remarks>
/// Fill it by hand, or call <see cref="ScenarioResult.ComputeMetrics"/> once the timelines are in.
/// Request counts and latencies are the load generator's (the seed's <c>total_requests</c>);
/// downtime windows are the probe's (its resolution is finer).
/// </remarks>
public sealed class ScenarioMetrics
{
    /// <summary>Load attempts completed (<c>total_requests</c>).</summary>
    public long? TotalRequests { get; set; }

    /// <summary>Load attempts that passed the success check (<c>successful_requests</c>).</summary>
    public long? SuccessfulRequests { get; set; }

    /// <summary>Successful / total, in percent; null without requests.</summary>
    public double? SuccessRatePercent =>
        TotalRequests is > 0 && SuccessfulRequests is { } ok ? 100.0 * ok / TotalRequests.Value : null;

    /// <summary>Nearest-rank 50th percentile latency of the load.</summary>
    public TimeSpan? LatencyP50 { get; set; }

    /// <summary>Nearest-rank 95th percentile latency of the load.</summary>
    public TimeSpan? LatencyP95 { get; set; }

    /// <summary>Nearest-rank 99th percentile latency of the load.</summary>
    public TimeSpan? LatencyP99 { get; set; }

    /// <summary>Attempts the load generator never sent (its concurrency cap was reached).</summary>
    public long? DroppedIterations { get; set; }

    /// <summary>Which generator carried the load: <c>builtin</c> or <c>k6</c>.</summary>
    public string? LoadGenerator { get; set; }

    /// <summary>Recovery per role (key: role name, e.g. <c>worker</c>), from <see cref="Recovery.Measure"/>.</summary>
    public IDictionary<string, RecoveryResult> Recoveries { get; } = new Dictionary<string, RecoveryResult>(StringComparer.Ordinal);

    /// <summary>Drain/delete termination time (eviction accepted → pod DELETED); the longest when several pods went.</summary>
    public TimeSpan? TerminationTime { get; set; }

    /// <summary>Probe downtime windows, in time order, placed by the moment each outcome was seen.</summary>
    public IList<DowntimeWindow> DowntimeWindows { get; } = new List<DowntimeWindow>();

    /// <summary>Sum of <see cref="DowntimeWindows"/>; null when the probe did not run.</summary>
    public TimeSpan? TotalDowntime { get; set; }

    /// <summary>Total downtime with attempts placed by their start ("requests sent at t failed"); null when no attempts.</summary>
    public TimeSpan? TotalDowntimeByStart { get; set; }

    /// <summary>Downtime windows with attempts placed by their start, in time order.</summary>
    public IList<DowntimeWindow> DowntimeWindowsByStart { get; } = new List<DowntimeWindow>();

    /// <summary>
    /// Degraded windows (failures interleaved with successes merged, with their error rate), placed by
    /// the moment seen. Information only: no verdict reads them.
    /// </summary>
    public IList<DegradedWindow> DegradedWindows { get; } = new List<DegradedWindow>();

    /// <summary>The lowest Ready count per role over the monitoring window.</summary>
    public IDictionary<string, int> MinReady { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The recovery time of <paramref name="role"/>; null when not measured or not recovered.</summary>
    public TimeSpan? RecoveryTime(string role) => Recoveries.TryGetValue(role, out var r) ? r.Duration : null;

    /// <summary>
    /// The seed's single <c>recovery_time_seconds</c>: the longest recovery over the roles measured
    /// (when everything was back); null when none was measured or one role never recovered.
    /// </summary>
    public TimeSpan? OverallRecoveryTime =>
        Recoveries.Count == 0 || Recoveries.Values.Any(r => !r.Recovered) ? null : Recoveries.Values.Max(r => r.Duration!.Value);
}
