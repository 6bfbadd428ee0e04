namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>Exact latency statistics over all attempts (successes and failures; a timeout counts with its full wait).</summary>
/// <param name="Count">Number of attempts.</param>
/// <param name="Min">Smallest latency; null when there were no attempts (as are all the others).</param>
/// <param name="P50">Nearest-rank 50th percentile.</param>
/// <param name="P95">Nearest-rank 95th percentile.</param>
/// <param name="P99">Nearest-rank 99th percentile.</param>
/// <param name="Max">Largest latency.</param>
public sealed record LatencyDistribution(int Count, TimeSpan? Min, TimeSpan? P50, TimeSpan? P95, TimeSpan? P99, TimeSpan? Max)
{
    /// <summary>Computes the distribution of the attempts' latencies (one sort, exact values).</summary>
    public static LatencyDistribution Of(IEnumerable<AttemptRecord> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var sorted = attempts.Select(a => a.Latency).ToArray();
        Array.Sort(sorted);
        return sorted.Length == 0
            ? new LatencyDistribution(0, null, null, null, null, null)
            : new LatencyDistribution(
                sorted.Length,
                sorted[0],
                Percentiles.NearestRankOfSorted(sorted, 50),
                Percentiles.NearestRankOfSorted(sorted, 95),
                Percentiles.NearestRankOfSorted(sorted, 99),
                sorted[^1]);
    }
}
