using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// Aggregates of one load run, with the same fields whichever generator ran (k6's come from its
/// <c>handleSummary</c>; the built-in generator's are computed from its records).
/// </summary>
/// <param name="Generator">Which generator ran: <c>builtin</c> or <c>k6</c>; the report shows it.</param>
/// <param name="Attempts">Attempts completed (sent and finished).</param>
/// <param name="Successes">Of which passed the success check.</param>
/// <param name="P50">Latency 50th percentile over all attempts; null when there were none.</param>
/// <param name="P95">Latency 95th percentile.</param>
/// <param name="P99">Latency 99th percentile.</param>
/// <param name="DroppedIterations">Attempts never sent because the concurrency cap was reached.</param>
/// <param name="Duration">How long the load ran.</param>
/// <param name="Thresholds">Threshold results by name (k6 only; empty for the built-in generator).</param>
public sealed record LoadSummary(
    string Generator,
    long Attempts,
    long Successes,
    TimeSpan? P50,
    TimeSpan? P95,
    TimeSpan? P99,
    long DroppedIterations,
    TimeSpan Duration,
    IReadOnlyDictionary<string, bool> Thresholds)
{
    /// <summary>Attempts that failed.</summary>
    public long Failures => Attempts - Successes;

    /// <summary>Successes / attempts; NaN when there were no attempts.</summary>
    public double SuccessRate => Attempts == 0 ? double.NaN : (double)Successes / Attempts;

    /// <summary>False when any threshold failed; null when there were none.</summary>
    public bool? ThresholdsPassed => Thresholds.Count == 0 ? null : Thresholds.Values.All(ok => ok);

    /// <summary>Computes a summary from records with exact nearest-rank percentiles.</summary>
    public static LoadSummary FromAttempts(string generator, IReadOnlyCollection<AttemptRecord> attempts, long droppedIterations, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var latency = LatencyDistribution.Of(attempts);
        return new LoadSummary(
            generator,
            attempts.Count,
            attempts.Count(a => a.Succeeded),
            latency.P50,
            latency.P95,
            latency.P99,
            droppedIterations,
            duration,
            new Dictionary<string, bool>());
    }
}
