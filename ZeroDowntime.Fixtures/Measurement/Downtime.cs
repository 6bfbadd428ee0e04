namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// Downtime windows and totals (DESIGN §5), computed from attempt records alone.
/// </summary>
/// <example>
/// <code>
/// var windows = Downtime.Windows(probe.Attempts);
/// TimeSpan total = Downtime.Total(windows);
/// DowntimeWindow? worst = Downtime.LongestAfter(windows, disruptionAcceptedAt);
/// </code>
/// </example>
public static class Downtime
{
    /// <summary>
    /// The downtime windows: each maximal run of consecutive failed attempts, ordered by the moment
    /// each outcome was seen (by default; by start under <see cref="AttemptTime.Start"/>), spans from
    /// the run's first failure to the success that ends it, both placed by <paramref name="basis"/>.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>Resolution is the attempt period: the true outage began somewhere in the period before the first failure.</item>
    /// <item>Ties: attempts with equal starts put failures first, so a success at the same instant ends the run (a zero-length window that still counts its failed attempts).</item>
    /// <item>Overlapping attempts (timeouts longer than the period) are ordered by the chosen instant:
    /// by the moment seen, a timeout fails when its wait ran out, after quicker attempts sent later.</item>
    /// <item>A run that no success follows is open (<see cref="DowntimeWindow.IsOpen"/>): it ends at
    /// <paramref name="observationEnd"/> when given (the service was still down when we stopped
    /// looking), else at the latest end (start + latency) among its failures, the last instant with evidence.</item>
    /// <item>Under <see cref="AttemptTime.Start"/> this is the start-based figure: "requests sent at t failed".</item>
    /// </list>
    /// Pass one source's attempts for that source's windows; merged sources mean "no attempt of any source succeeded".
    /// </remarks>
    /// <param name="attempts">Attempts in any order.</param>
    /// <param name="observationEnd">When the measurement stopped, used to close an open window; null to use the evidence.</param>
    /// <param name="basis">Which instant places an attempt: the moment seen (default) or its start.</param>
    public static IReadOnlyList<DowntimeWindow> Windows(IEnumerable<AttemptRecord> attempts, DateTimeOffset? observationEnd = null, AttemptTime basis = AttemptTime.Seen)
    {
        var sorted = AttemptOrder.Sorted(attempts, basis);
        var windows = new List<DowntimeWindow>();
        var runStart = -1;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (!sorted[i].Succeeded)
            {
                if (runStart < 0)
                {
                    runStart = i;
                }

                continue;
            }

            if (runStart >= 0)
            {
                windows.Add(new DowntimeWindow(sorted[runStart].At(basis), sorted[i].At(basis), i - runStart, IsOpen: false));
                runStart = -1;
            }
        }

        if (runStart >= 0)
        {
            windows.Add(OpenWindow(sorted.AsSpan(runStart), observationEnd, basis));
        }

        return windows;
    }

    /// <summary>The sum of the windows' durations.</summary>
    public static TimeSpan Total(IEnumerable<DowntimeWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return windows.Aggregate(TimeSpan.Zero, (sum, window) => sum + window.Duration);
    }

    /// <summary>Total downtime of the attempts: <see cref="Windows"/> then <see cref="Total(IEnumerable{DowntimeWindow})"/>.</summary>
    public static TimeSpan Total(IEnumerable<AttemptRecord> attempts, DateTimeOffset? observationEnd = null, AttemptTime basis = AttemptTime.Seen) =>
        Total(Windows(attempts, observationEnd, basis));

    /// <summary>
    /// The longest outage at or after <paramref name="instant"/> (e.g. a disruption being accepted):
    /// among windows ending after it, the one with the longest part after it, clipped to start no
    /// earlier than <paramref name="instant"/>. Null when no window ends after it.
    /// </summary>
    public static DowntimeWindow? LongestAfter(IEnumerable<DowntimeWindow> windows, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(windows);
        DowntimeWindow? longest = null;
        foreach (var window in windows)
        {
            if (window.End <= instant)
            {
                continue;
            }

            var clipped = window.Start >= instant ? window : window with { Start = instant };
            if (longest is null || clipped.Duration > longest.Value.Duration)
            {
                longest = clipped;
            }
        }

        return longest;
    }

    private static DowntimeWindow OpenWindow(ReadOnlySpan<AttemptRecord> run, DateTimeOffset? observationEnd, AttemptTime basis)
    {
        var lastEvidence = run[0].End;
        foreach (var attempt in run)
        {
            if (attempt.End > lastEvidence)
            {
                lastEvidence = attempt.End;
            }
        }

        var lastPlaced = run[^1].At(basis);
        var end = observationEnd is { } stop ? (stop > lastPlaced ? stop : lastPlaced) : lastEvidence;
        return new DowntimeWindow(run[0].At(basis), end, run.Length, IsOpen: true);
    }
}
