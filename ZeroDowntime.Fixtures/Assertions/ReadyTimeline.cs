using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Assertions;

/// <summary>Ready-count evidence over a scenario's monitoring window.</summary>
internal static class ReadyTimeline
{
    /// <summary>The lowest Ready count of <paramref name="role"/> in the window and the first interval it held; null without events for the role.</summary>
    public static (int Count, DateTimeOffset From, DateTimeOffset To)? Minimum(ScenarioTimeline timeline, string role)
    {
        if (!timeline.Events.Any(e => e.Role == role) || ObservedUntil(timeline) is not { } to)
        {
            return null;
        }

        var from = timeline.MonitoringStart ?? timeline.Events.Min(e => e.Time);
        var steps = ReadyCounts.Timeline(timeline.Events, role);
        (int Count, DateTimeOffset From, DateTimeOffset To)? minimum = null;
        for (var i = 0; i < steps.Count; i++)
        {
            var start = steps[i].Time < from ? from : steps[i].Time;
            var end = i + 1 < steps.Count ? steps[i + 1].Time : to;
            if (end > to)
            {
                end = to;
            }

            // A step that ends before the window starts or starts after it ends is outside; a zero-length window still has its initial count.
            var inside = start < end || (start == end && start == from && i + 1 == steps.Count);
            if (inside && (minimum is null || steps[i].Count < minimum.Value.Count))
            {
                minimum = (steps[i].Count, start, end);
            }
        }

        return minimum ?? (ReadyCounts.CountAt(steps, from), from, to);
    }

    /// <summary>Where the timeline ends: the monitoring end, else the last event; null without events.</summary>
    public static DateTimeOffset? ObservedUntil(ScenarioTimeline timeline) =>
        timeline.MonitoringEnd ?? (timeline.Events.Count == 0 ? null : timeline.Events.Max(e => e.Time));
}
