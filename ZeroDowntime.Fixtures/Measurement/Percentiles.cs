namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// Exact percentiles by the nearest-rank method: the p-th percentile of n sorted values is the
/// value at rank ⌈p/100 · n⌉ (1-based; rank 1 for p = 0). It always returns an observed value and
/// is computed over all values, never from per-interval percentiles.
/// </summary>
/// <example>
/// <code>
/// TimeSpan? p95 = Percentiles.NearestRank(attempts.Select(a => a.Latency), 95);
/// </code>
/// </example>
public static class Percentiles
{
    /// <summary>The nearest-rank percentile of <paramref name="values"/> (any order); null when empty.</summary>
    /// <param name="values">The values.</param>
    /// <param name="percentile">In [0, 100].</param>
    public static TimeSpan? NearestRank(IEnumerable<TimeSpan> values, double percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return NearestRankOfSorted(sorted, percentile);
    }

    /// <summary>The nearest-rank percentile of values already sorted ascending; null when empty.</summary>
    public static TimeSpan? NearestRankOfSorted(IReadOnlyList<TimeSpan> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (double.IsNaN(percentile) || percentile < 0 || percentile > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile must be between 0 and 100.");
        }

        if (sorted.Count == 0)
        {
            return null;
        }

        // decimal keeps 95 · 20 / 100 exactly 19; in double it is 19.000000000000004 and the rank would be 20.
        var rank = (int)Math.Ceiling((decimal)percentile * sorted.Count / 100m);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
