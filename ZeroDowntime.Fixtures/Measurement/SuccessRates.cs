namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// Success rates over intervals. <see cref="Over"/> places an attempt by its start (the verdicts'
/// rule, unchanged); the chart's buckets place it by the moment its outcome was seen, unless asked
/// for starts (<see cref="AttemptTime"/>).
/// </summary>
/// <example>
/// <code>
/// SuccessRate afterRecovery = SuccessRates.Over(attempts, recoveredAt, stoppedAt);
/// bool ok = afterRecovery.Ratio > 0.95;
/// var chart = SuccessRates.PerSecond(attempts, loadStartedAt, stoppedAt);
/// </code>
/// </example>
public static class SuccessRates
{
    /// <summary>All attempts, whatever their start.</summary>
    public static SuccessRate Overall(IEnumerable<AttemptRecord> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        int total = 0, successes = 0;
        foreach (var attempt in attempts)
        {
            total++;
            successes += attempt.Succeeded ? 1 : 0;
        }

        return new SuccessRate(total, successes);
    }

    /// <summary>Attempts whose start is in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static SuccessRate Over(IEnumerable<AttemptRecord> attempts, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        return Overall(attempts.Where(a => a.Start >= from && a.Start < to));
    }

    /// <summary>One bucket per second from <paramref name="from"/> to <paramref name="to"/> (for the report's chart).</summary>
    public static IReadOnlyList<SuccessRateBucket> PerSecond(IEnumerable<AttemptRecord> attempts, DateTimeOffset from, DateTimeOffset to, AttemptTime basis = AttemptTime.Seen) =>
        Buckets(attempts, from, to, TimeSpan.FromSeconds(1), basis);

    /// <summary>
    /// Consecutive buckets of <paramref name="width"/> covering [<paramref name="from"/>, <paramref name="to"/>);
    /// empty buckets are included (with no attempts) so gaps show on a chart.
    /// </summary>
    public static IReadOnlyList<SuccessRateBucket> Buckets(IEnumerable<AttemptRecord> attempts, DateTimeOffset from, DateTimeOffset to, TimeSpan width, AttemptTime basis = AttemptTime.Seen)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(width, TimeSpan.Zero);
        if (to <= from)
        {
            return [];
        }

        var count = (int)Math.Ceiling((to - from).Ticks / (double)width.Ticks);
        var totals = new int[count];
        var successes = new int[count];
        foreach (var attempt in attempts)
        {
            var at = attempt.At(basis);
            if (at < from || at >= to)
            {
                continue;
            }

            var index = (int)((at - from).Ticks / width.Ticks);
            totals[index]++;
            successes[index] += attempt.Succeeded ? 1 : 0;
        }

        var buckets = new SuccessRateBucket[count];
        for (var i = 0; i < count; i++)
        {
            var start = from + (width * i);
            var end = i == count - 1 ? to : start + width;
            buckets[i] = new SuccessRateBucket(start, end, new SuccessRate(totals[i], successes[i]));
        }

        return buckets;
    }
}
