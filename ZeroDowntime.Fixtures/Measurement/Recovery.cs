namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>Recovery and termination times, from the event timeline (never from polling).</summary>
/// <example>
/// <code>
/// RecoveryResult r = Recovery.Measure(events, "worker", acceptedAt, expectedReady: 3);
/// TimeSpan? t = Recovery.TerminationTime(events, evictedPodUid, acceptedAt);
/// </code>
/// </example>
public static class Recovery
{
    /// <summary>
    /// Measures how long the role took to get back to <paramref name="expectedReady"/> Ready pods
    /// after a disruption accepted at <paramref name="acceptedAt"/>.
    /// </summary>
    /// <remarks>
    /// Recovery means coming back <em>after having dropped</em>: the count right after the call is
    /// often still the old one (the terminating event arrives milliseconds later), so "first
    /// instant at the expected count" would read zero. The recovery instant is the first instant
    /// after the drop at which the count is at least <paramref name="expectedReady"/> and stays so
    /// for <paramref name="stableFor"/> (default zero: the first instant back; flapping after it is
    /// caught by <see cref="ReadyCounts.Minimum"/> over the monitoring window). Stability must be
    /// seen before <paramref name="observedUntil"/> when that is given. If the count never dropped,
    /// the result has no <see cref="RecoveryResult.DegradedAt"/> and a zero duration.
    /// </remarks>
    public static RecoveryResult Measure(
        IEnumerable<ClusterEvent> events,
        string role,
        DateTimeOffset acceptedAt,
        int expectedReady,
        TimeSpan stableFor = default,
        DateTimeOffset? observedUntil = null,
        IEnumerable<string>? readyAtStart = null)
    {
        var steps = ReadyCounts.Timeline(events, role, readyAtStart);
        var current = ReadyCounts.CountAt(steps, acceptedAt);
        var later = steps.Where(s => s.Time > acceptedAt && (observedUntil is null || s.Time <= observedUntil)).ToList();
        var minimum = current;

        DateTimeOffset? degradedAt = current < expectedReady ? acceptedAt : null;
        var index = 0;
        for (; degradedAt is null && index < later.Count; index++)
        {
            minimum = Math.Min(minimum, later[index].Count);
            if (later[index].Count < expectedReady)
            {
                degradedAt = later[index].Time;
            }
        }

        if (degradedAt is null)
        {
            return new RecoveryResult(role, expectedReady, acceptedAt, null, acceptedAt, minimum);
        }

        for (; index < later.Count; index++)
        {
            minimum = Math.Min(minimum, later[index].Count);
            if (later[index].Count < expectedReady)
            {
                continue;
            }

            var backAt = later[index].Time;
            var nextDrop = later.Skip(index + 1).FirstOrDefault(s => s.Count < expectedReady);
            var heldUntil = nextDrop != default ? nextDrop.Time : observedUntil ?? DateTimeOffset.MaxValue;
            if (heldUntil - backAt >= stableFor)
            {
                return new RecoveryResult(role, expectedReady, acceptedAt, degradedAt, backAt, minimum);
            }
        }

        return new RecoveryResult(role, expectedReady, acceptedAt, degradedAt, null, minimum);
    }

    /// <summary>
    /// Termination time: from <paramref name="acceptedAt"/> to the first DELETED event at or after
    /// it for the pod (matched by uid or name); null when the timeline holds none.
    /// </summary>
    public static TimeSpan? TerminationTime(IEnumerable<ClusterEvent> events, string pod, DateTimeOffset acceptedAt) =>
        DeletedAt(events, pod, acceptedAt) - acceptedAt;

    /// <summary>
    /// Every pod of a target role named by a <see cref="ClusterEventKind.DisruptionAccepted"/> marker,
    /// with the time to its DELETED event (a drain evicts several pods). A drain also evicts pods outside
    /// the target's roles (a Sentinel, a log agent): the timeline does not watch those, so their
    /// deletions are never seen, and they are left out rather than reported as never deleted.
    /// </summary>
    public static IReadOnlyList<PodTermination> Terminations(IEnumerable<ClusterEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var list = events as IReadOnlyCollection<ClusterEvent> ?? events.ToList();
        return list
            .Where(e => e.Kind == ClusterEventKind.DisruptionAccepted && e.PodKey is not null && e.Role is not null)
            .OrderBy(e => e.Time)
            .Select(e => new PodTermination(e.PodKey!, e.Time, DeletedAt(list, e.PodKey!, e.Time)))
            .ToList();
    }

    private static DateTimeOffset? DeletedAt(IEnumerable<ClusterEvent> events, string pod, DateTimeOffset acceptedAt)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(pod);
        return events
            .Where(e => e.Kind == ClusterEventKind.PodDeleted && e.Time >= acceptedAt && (e.Uid == pod || e.Pod == pod))
            .Select(e => (DateTimeOffset?)e.Time)
            .Min();
    }
}
