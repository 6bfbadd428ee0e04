using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Autoscaling;

/// <summary>
/// The Autoscaling scenario's measurements as pure functions of the recorded timelines: Ready counts
/// from pod watch events, the HPA's decisions from its watch and events, latencies and throughput
/// from the attempts. Every verdict is computed here, so it can be recomputed from the raw files.
/// </summary>
public static class AutoscalingAnalysis
{
    /// <summary>The first instant in [<paramref name="from"/>, <paramref name="deadline"/>] with at least <paramref name="count"/> Ready pods of <paramref name="role"/>.</summary>
    public static ReplicaReach ReachAtLeast(IEnumerable<ClusterEvent> events, string role, DateTimeOffset from, DateTimeOffset deadline, int count)
    {
        var steps = Within(ReadyCounts.Timeline(events, role), from, deadline);
        var first = steps.FirstOrDefault(s => s.Count >= count);
        return new ReplicaReach(first == default ? null : Max(first.Time, from), steps.Max(s => s.Count));
    }

    /// <summary>The first instant in [<paramref name="from"/>, <paramref name="deadline"/>] with at most <paramref name="count"/> Ready pods of <paramref name="role"/>.</summary>
    public static ReplicaReach ReachAtMost(IEnumerable<ClusterEvent> events, string role, DateTimeOffset from, DateTimeOffset deadline, int count)
    {
        var steps = Within(ReadyCounts.Timeline(events, role), from, deadline);
        var first = steps.FirstOrDefault(s => s.Count <= count);
        return new ReplicaReach(first == default ? null : Max(first.Time, from), steps.Min(s => s.Count));
    }

    /// <summary>The most Ready pods of <paramref name="role"/> at any instant in [<paramref name="from"/>, <paramref name="to"/>], and the first instant it was seen.</summary>
    public static (int Count, DateTimeOffset At) MostReady(IEnumerable<ClusterEvent> events, string role, DateTimeOffset from, DateTimeOffset to)
    {
        var steps = Within(ReadyCounts.Timeline(events, role), from, to);
        var most = steps.MaxBy(s => s.Count);
        return (most.Count, Max(most.Time, from));
    }

    /// <summary>The largest replica count the HPA asked for (status.desiredReplicas or a "New size" event), and when; null when it never said.</summary>
    public static (int Count, DateTimeOffset At)? MostDesired(AutoscalingTimeline timeline, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var decisions = timeline.Snapshots.Where(s => s.Time >= from && s.Time <= to).Select(s => (s.DesiredReplicas, s.Time))
            .Concat(timeline.Events.Where(e => e.NewSize is not null && e.Time >= from && e.Time <= to).Select(e => (e.NewSize!.Value, e.Time)))
            .ToList();
        return decisions.Count == 0 ? null : decisions.MaxBy(d => d.Item1);
    }

    /// <summary>Attempts that started in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static IReadOnlyList<AttemptRecord> Between(IEnumerable<AttemptRecord> attempts, DateTimeOffset from, DateTimeOffset to) =>
        attempts.Where(a => a.Start >= from && a.Start < to).ToList();

    /// <summary>Successful attempts per second over [<paramref name="from"/>, <paramref name="to"/>); null for an empty span.</summary>
    public static double? Throughput(IEnumerable<AttemptRecord> attempts, DateTimeOffset from, DateTimeOffset to) =>
        to > from ? Between(attempts, from, to).Count(a => a.Succeeded) / (to - from).TotalSeconds : null;

    // The steps in force during [from, to]: the one current at `from` (moved to `from`) and every later one up to `to`.
    private static List<ReadyCountStep> Within(IReadOnlyList<ReadyCountStep> steps, DateTimeOffset from, DateTimeOffset to)
    {
        var current = steps.LastOrDefault(s => s.Time <= from);
        var within = steps.Where(s => s.Time > from && s.Time <= to).ToList();
        within.Insert(0, current == default ? new ReadyCountStep(from, 0) : current with { Time = from });
        return within;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
