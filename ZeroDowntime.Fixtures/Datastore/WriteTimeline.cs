namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>The ledger per second, for the reports: acknowledged, failed and lost writes by the second they were attempted.</summary>
public static class WriteTimeline
{
    /// <summary>
    /// One <see cref="WriteSecond"/> per second from the first attempt to the last (seconds without a write included, all zero).
    /// Lost: acknowledged by the time of <paramref name="final"/> and missing from it, as <see cref="LedgerChecker"/> counts them.
    /// </summary>
    public static IReadOnlyList<WriteSecond> PerSecond(IReadOnlyList<LedgerAttempt> attempts, LedgerRead? final)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return [];
        }

        var read = final?.Entries.ToHashSet();
        var seconds = attempts.GroupBy(a => Floor(a.AttemptedAt)).ToDictionary(g => g.Key, g => g.ToList());
        var first = seconds.Keys.Min();
        var last = seconds.Keys.Max();
        var timeline = new List<WriteSecond>();
        for (var second = first; second <= last; second = second.AddSeconds(1))
        {
            var inSecond = seconds.GetValueOrDefault(second) ?? [];
            var acknowledged = inSecond.Where(a => a.Acknowledged).ToList();
            var lost = read is null ? 0 : acknowledged.Count(a => a.AcknowledgedAt <= final!.ReadAt && !read.Contains(a.Sequence));
            timeline.Add(new WriteSecond(second, acknowledged.Count, inSecond.Count - acknowledged.Count, lost));
        }

        return timeline;
    }

    /// <summary>
    /// The spans in which no write was acknowledged: from the first unacknowledged attempt to the next acknowledged one
    /// (or the last attempt), as downtime windows are built from the probe.
    /// </summary>
    public static IReadOnlyList<WriteSpan> UnacknowledgedSpans(IReadOnlyList<LedgerAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var spans = new List<WriteSpan>();
        DateTimeOffset? start = null;
        var writes = 0;
        foreach (var attempt in attempts.OrderBy(a => a.AttemptedAt))
        {
            if (!attempt.Acknowledged)
            {
                start ??= attempt.AttemptedAt;
                writes++;
            }
            else if (start is { } s)
            {
                spans.Add(new WriteSpan(s, attempt.AttemptedAt, writes));
                (start, writes) = (null, 0);
            }
        }

        if (start is { } open)
        {
            spans.Add(new WriteSpan(open, attempts.Max(a => a.CompletedAt), writes));
        }

        return spans;
    }

    private static DateTimeOffset Floor(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
