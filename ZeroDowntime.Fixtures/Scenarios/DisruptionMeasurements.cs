using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>
/// Everything a disruptive scenario measured, computed with the Measurement functions from the raw
/// timelines (which are written next to the reports, so any number can be recomputed).
/// </summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="StartedAt">Load and probe start.</param>
/// <param name="DisruptionAt">First disruption accepted by the API, or null if none happened.</param>
/// <param name="StoppedAt">End of monitoring.</param>
/// <param name="ProbeAttempts">Every probe attempt.</param>
/// <param name="LoadAttempts">Every load attempt.</param>
/// <param name="Load">The load generator's summary (it names the generator).</param>
/// <param name="Events">Pod/node events and suite markers.</param>
public sealed record DisruptionMeasurements(
    string Scenario,
    DateTimeOffset StartedAt,
    DateTimeOffset? DisruptionAt,
    DateTimeOffset StoppedAt,
    IReadOnlyList<AttemptRecord> ProbeAttempts,
    IReadOnlyList<AttemptRecord> LoadAttempts,
    LoadSummary? Load,
    IReadOnlyList<ClusterEvent> Events)
{
    /// <summary>Probe and load attempts together.</summary>
    public IReadOnlyList<AttemptRecord> AllAttempts { get; } = [.. ProbeAttempts, .. LoadAttempts];

    /// <summary>Downtime windows seen by the probe (resolution: one probe period).</summary>
    public IReadOnlyList<DowntimeWindow> DowntimeWindows => Downtime.Windows(ProbeAttempts, StoppedAt);

    /// <summary>Sum of <see cref="DowntimeWindows"/>.</summary>
    public TimeSpan TotalDowntime => Downtime.Total(DowntimeWindows);

    /// <summary>Success rate of every attempt from the disruption to the end of monitoring.</summary>
    public SuccessRate DuringDisruption => SuccessRates.Over(AllAttempts, DisruptionAt ?? StartedAt, StoppedAt);

    /// <summary>Success rate of every attempt of the run.</summary>
    public SuccessRate Overall => SuccessRates.Overall(AllAttempts);

    /// <summary>Exact latency percentiles over every attempt.</summary>
    public LatencyDistribution Latency => LatencyDistribution.Of(AllAttempts);

    /// <summary>Fewest Ready pods of <paramref name="role"/> from the disruption to the end of monitoring.</summary>
    public int MinimumReady(string role) => ReadyCounts.Minimum(Events, role, DisruptionAt ?? StartedAt, StoppedAt);

    /// <summary>Ready pods of <paramref name="role"/> at the end of monitoring.</summary>
    public int ReadyAtEnd(string role) => ReadyCounts.CountAt(Events, role, StoppedAt);
}
