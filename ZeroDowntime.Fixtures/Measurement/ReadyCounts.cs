namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// Ready pod counts per role, replayed from the event timeline.
/// </summary>
/// <remarks>
/// A pod counts as Ready from its <see cref="ClusterEventKind.PodReady"/> until its
/// <see cref="ClusterEventKind.PodNotReady"/>, <see cref="ClusterEventKind.PodTerminating"/> or
/// <see cref="ClusterEventKind.PodDeleted"/>; once terminating it never counts again (endpoints
/// drop terminating pods). Pods are identified by uid, else name. Events at the same instant are
/// applied together: only the state after the whole group is a step, so a replacement reported in
/// the same instant is not a false dip.
/// The initial state is either replayed from the events themselves (the recorder reports pods that
/// exist when its watch starts) or given as <c>readyAtStart</c>, the pod keys Ready before the first event.
/// </remarks>
/// <example>
/// <code>
/// int min = ReadyCounts.Minimum(events, "worker", disruptionAt, settledAt);
/// bool ok = ReadyCounts.AtLeastThroughout(events, "worker", disruptionAt, settledAt, 2);
/// </code>
/// </example>
public static class ReadyCounts
{
    /// <summary>
    /// The role's Ready count as steps: the first step is the initial count at the first event's
    /// time (or <see cref="DateTimeOffset.MinValue"/> when there are no events), then one step per
    /// instant at which the count changed.
    /// </summary>
    public static IReadOnlyList<ReadyCountStep> Timeline(IEnumerable<ClusterEvent> events, string role, IEnumerable<string>? readyAtStart = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(role);
        var ready = new HashSet<string>(readyAtStart ?? [], StringComparer.Ordinal);
        var gone = new HashSet<string>(StringComparer.Ordinal);
        var ordered = events.Where(e => e.Role == role && e.PodKey is not null).OrderBy(e => e.Time).ToList();
        var steps = new List<ReadyCountStep> { new(ordered.Count > 0 ? ordered[0].Time : DateTimeOffset.MinValue, ready.Count) };
        for (var i = 0; i < ordered.Count;)
        {
            var instant = ordered[i].Time;
            for (; i < ordered.Count && ordered[i].Time == instant; i++)
            {
                Apply(ordered[i], ready, gone);
            }

            if (ready.Count != steps[^1].Count)
            {
                steps.Add(new ReadyCountStep(instant, ready.Count));
            }
        }

        return steps;
    }

    /// <summary>The role's Ready count at <paramref name="instant"/>, after every event at or before it.</summary>
    public static int CountAt(IEnumerable<ClusterEvent> events, string role, DateTimeOffset instant, IEnumerable<string>? readyAtStart = null) =>
        CountAt(Timeline(events, role, readyAtStart), instant);

    /// <summary>The smallest Ready count the role had at any instant in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static int Minimum(IEnumerable<ClusterEvent> events, string role, DateTimeOffset from, DateTimeOffset to, IEnumerable<string>? readyAtStart = null)
    {
        var steps = Timeline(events, role, readyAtStart);
        var minimum = CountAt(steps, from);
        foreach (var step in steps)
        {
            if (step.Time > from && step.Time < to && step.Count < minimum)
            {
                minimum = step.Count;
            }
        }

        return minimum;
    }

    /// <summary>True when the role had at least <paramref name="atLeast"/> Ready pods throughout [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static bool AtLeastThroughout(IEnumerable<ClusterEvent> events, string role, DateTimeOffset from, DateTimeOffset to, int atLeast, IEnumerable<string>? readyAtStart = null) =>
        Minimum(events, role, from, to, readyAtStart) >= atLeast;

    internal static int CountAt(IReadOnlyList<ReadyCountStep> steps, DateTimeOffset instant)
    {
        var count = steps[0].Count;
        foreach (var step in steps)
        {
            if (step.Time > instant)
            {
                break;
            }

            count = step.Count;
        }

        return count;
    }

    private static void Apply(ClusterEvent e, HashSet<string> ready, HashSet<string> gone)
    {
        var key = e.PodKey!;
        switch (e.Kind)
        {
            case ClusterEventKind.PodReady when !gone.Contains(key):
                ready.Add(key);
                break;
            case ClusterEventKind.PodNotReady:
                ready.Remove(key);
                break;
            case ClusterEventKind.PodTerminating:
            case ClusterEventKind.PodDeleted:
                ready.Remove(key);
                gone.Add(key);
                break;
        }
    }
}
