using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>
/// Per-pod recovery after a chaos round, from the pod event timeline alone (watch events, never polling).
/// A deleted pod's replacement is a pod of the same role first seen after the round began: one with the
/// same name when there is one (StatefulSet), else the next new pod by arrival, the killed pods taken in
/// name order. A process kill's pod is its own replacement: it must turn unready and then Ready again.
/// </summary>
public static class PodRecoveries
{
    /// <summary>One <see cref="PodRecovery"/> per kill of <paramref name="kills"/> (one round), in the kills' order.</summary>
    /// <param name="events">The timeline (pod events of every role, suite markers).</param>
    /// <param name="role">The killed pods' role.</param>
    /// <param name="kills">The round's kills.</param>
    /// <param name="inPlace">True for process kills (no new pods).</param>
    /// <param name="until">Ignore events after this (the next round's start); null: all.</param>
    public static IReadOnlyList<PodRecovery> Measure(IReadOnlyList<ClusterEvent> events, string role, IReadOnlyList<PodKill> kills, bool inPlace, DateTimeOffset? until = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(kills);
        if (kills.Count == 0)
        {
            return [];
        }

        var start = kills.Min(k => k.StartedAt);
        var window = events.Where(e => e.Role == role && e.Time >= start && (until is null || e.Time < until)).ToList();
        return inPlace ? kills.Select(k => InPlace(k, window)).ToList() : Replaced(events, role, kills, window, start);
    }

    private static PodRecovery InPlace(PodKill kill, List<ClusterEvent> window)
    {
        var mine = window.Where(e => e.PodKey == (kill.Uid ?? kill.Pod)).ToList();
        var down = mine.FirstOrDefault(e => e.Kind == ClusterEventKind.PodNotReady);
        var ready = down is null ? null : mine.FirstOrDefault(e => e.Kind == ClusterEventKind.PodReady && e.Time >= down.Time);
        var total = ready is null ? (TimeSpan?)null : NonNegative(ready.Time - kill.AcceptedAt);
        return new PodRecovery(kill, kill.Pod, null, total, total, InPlace: true);
    }

    private static List<PodRecovery> Replaced(IReadOnlyList<ClusterEvent> events, string role, IReadOnlyList<PodKill> kills, List<ClusterEvent> window, DateTimeOffset start)
    {
        var killed = kills.Select(k => k.Uid ?? k.Pod).ToHashSet(StringComparer.Ordinal);
        var before = events.Where(e => e.Role == role && e.Time < start && e.PodKey is not null).Select(e => e.PodKey!).ToHashSet(StringComparer.Ordinal);
        var fresh = window.Where(e => e.Kind == ClusterEventKind.PodCreated && e.PodKey is { } key && !killed.Contains(key) && !before.Contains(key))
            .GroupBy(e => e.PodKey!).Select(g => g.First()).OrderBy(e => e.Time).ToList();

        var pairs = new Dictionary<PodKill, ClusterEvent>();
        foreach (var kill in kills)
        {
            if (fresh.FirstOrDefault(e => e.Pod == kill.Pod) is { } sameName)
            {
                pairs[kill] = sameName;
                fresh.Remove(sameName);
            }
        }

        foreach (var kill in kills.Where(k => !pairs.ContainsKey(k)).OrderBy(k => k.Pod, StringComparer.Ordinal))
        {
            if (fresh.Count > 0)
            {
                pairs[kill] = fresh[0];
                fresh.RemoveAt(0);
            }
        }

        return kills.Select(kill =>
        {
            if (!pairs.TryGetValue(kill, out var created))
            {
                return new PodRecovery(kill, null, null, null, null, InPlace: false);
            }

            var mine = window.Where(e => e.PodKey == created.PodKey).ToList();
            var scheduled = mine.FirstOrDefault(e => e.Kind == ClusterEventKind.PodScheduled);
            var ready = mine.FirstOrDefault(e => e.Kind == ClusterEventKind.PodReady);
            var rescheduling = scheduled is null ? (TimeSpan?)null : NonNegative(scheduled.Time - kill.AcceptedAt);
            var readiness = ready is null ? (TimeSpan?)null : NonNegative(ready.Time - (scheduled?.Time ?? created.Time));
            var total = ready is null ? (TimeSpan?)null : NonNegative(ready.Time - kill.AcceptedAt);
            return new PodRecovery(kill, created.Pod, rescheduling, readiness, total, InPlace: false);
        }).ToList();
    }

    // The replacement can be seen before the delete call returns (the controller is quicker than the response): that is 0, not negative.
    private static TimeSpan NonNegative(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;
}
