namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// Degraded windows (docs/measurement.md): failures closer together than a gap merge into one
/// window, whatever successes fall between them, and the window reports its error rate. Strict
/// downtime windows (<see cref="Downtime.Windows"/>) split a partial outage into many short
/// blackouts ("1.2 s in 24 windows"); this view says "3.5 s at 33% errors". Information only:
/// no verdict reads it.
/// </summary>
public static class DegradedWindows
{
    /// <summary>The gap used when none is given: failures less than a second apart belong together.</summary>
    public static readonly TimeSpan DefaultMergeGap = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Groups the failures: a failure placed within <paramref name="mergeGap"/> of the previous one
    /// (by <paramref name="basis"/>) joins its window. A window runs from its first failure to the
    /// next attempt after its last failure (a success, unless the next failure is beyond the gap) and counts every attempt placed in between. With no
    /// success after it, it is open and ends at <paramref name="observationEnd"/> when given, else
    /// at its last failure.
    /// </summary>
    /// <param name="attempts">Attempts in any order (one source's, as for <see cref="Downtime.Windows"/>).</param>
    /// <param name="mergeGap">Failures at most this far apart merge; null for <see cref="DefaultMergeGap"/>.</param>
    /// <param name="observationEnd">When the measurement stopped, to close an open window.</param>
    /// <param name="basis">Which instant places an attempt: the moment seen (default) or its start.</param>
    public static IReadOnlyList<DegradedWindow> Of(
        IEnumerable<AttemptRecord> attempts,
        TimeSpan? mergeGap = null,
        DateTimeOffset? observationEnd = null,
        AttemptTime basis = AttemptTime.Seen)
    {
        var gap = mergeGap ?? DefaultMergeGap;
        ArgumentOutOfRangeException.ThrowIfLessThan(gap, TimeSpan.Zero);
        var sorted = AttemptOrder.Sorted(attempts, basis);
        var windows = new List<DegradedWindow>();
        int first = -1, last = -1, failed = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Succeeded)
            {
                continue;
            }

            if (first >= 0 && sorted[i].At(basis) - sorted[last].At(basis) > gap)
            {
                windows.Add(Close(sorted, first, last, failed, observationEnd, basis));
                first = -1;
            }

            if (first < 0)
            {
                (first, failed) = (i, 0);
            }

            last = i;
            failed++;
        }

        if (first >= 0)
        {
            windows.Add(Close(sorted, first, last, failed, observationEnd, basis));
        }

        return windows;
    }

    private static DegradedWindow Close(AttemptRecord[] sorted, int first, int last, int failed, DateTimeOffset? observationEnd, AttemptTime basis)
    {
        // Successes after the last failure are not part of the window; the first one ends it.
        var endIndex = last + 1;
        var start = sorted[first].At(basis);
        if (endIndex < sorted.Length)
        {
            return new DegradedWindow(start, sorted[endIndex].At(basis), endIndex - first, failed, IsOpen: false);
        }

        var lastPlaced = sorted[last].At(basis);
        var end = observationEnd is { } stop && stop > lastPlaced ? stop : lastPlaced;
        return new DegradedWindow(start, end, endIndex - first, failed, IsOpen: true);
    }
}
