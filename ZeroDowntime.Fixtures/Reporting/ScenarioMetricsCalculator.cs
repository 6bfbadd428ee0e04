using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>Derives <see cref="ScenarioMetrics"/> from a <see cref="ScenarioTimeline"/> with the measurement rules of DESIGN §5.</summary>
internal static class ScenarioMetricsCalculator
{
    public static void Fill(ScenarioResult result, LoadSummary? load)
    {
        var metrics = result.Metrics;
        var timeline = result.Timeline;
        FillLoad(metrics, timeline, load);

        var downtimeSource = timeline.ProbeAttempts.Count > 0 ? timeline.ProbeAttempts : timeline.LoadAttempts;
        if (downtimeSource.Count > 0)
        {
            var windows = Downtime.Windows(downtimeSource, timeline.MonitoringEnd);
            Replace(metrics.DowntimeWindows, windows);
            metrics.TotalDowntime = Downtime.Total(windows);
            var byStart = Downtime.Windows(downtimeSource, timeline.MonitoringEnd, AttemptTime.Start);
            Replace(metrics.DowntimeWindowsByStart, byStart);
            metrics.TotalDowntimeByStart = Downtime.Total(byStart);
            Replace(metrics.DegradedWindows, Measurement.DegradedWindows.Of(downtimeSource, observationEnd: timeline.MonitoringEnd));
        }

        if (timeline.Events.Count == 0)
        {
            return;
        }

        var from = timeline.MonitoringStart ?? timeline.Events.Min(e => e.Time);
        var to = timeline.MonitoringEnd ?? DateTimeOffset.MaxValue;
        foreach (var (role, expected) in timeline.ExpectedReady)
        {
            metrics.MinReady[role] = ReadyCounts.Minimum(timeline.Events, role, from, to);
            if (timeline.FirstDisruption is { } acceptedAt)
            {
                metrics.Recoveries[role] = Recovery.Measure(timeline.Events, role, acceptedAt, expected, observedUntil: timeline.MonitoringEnd);
            }
        }

        var terminations = Recovery.Terminations(timeline.Events).Where(t => t.Duration is not null).ToList();
        if (terminations.Count > 0)
        {
            metrics.TerminationTime = terminations.Max(t => t.Duration!.Value);
        }
    }

    private static void Replace<T>(IList<T> target, IEnumerable<T> items)
    {
        target.Clear();
        foreach (var item in items)
        {
            target.Add(item);
        }
    }

    private static void FillLoad(ScenarioMetrics metrics, ScenarioTimeline timeline, LoadSummary? load)
    {
        if (load is not null)
        {
            metrics.LoadGenerator = load.Generator;
            metrics.DroppedIterations = load.DroppedIterations;
        }

        if (timeline.LoadAttempts.Count > 0)
        {
            var rate = SuccessRates.Overall(timeline.LoadAttempts);
            var latency = LatencyDistribution.Of(timeline.LoadAttempts);
            metrics.TotalRequests = rate.Attempts;
            metrics.SuccessfulRequests = rate.Successes;
            (metrics.LatencyP50, metrics.LatencyP95, metrics.LatencyP99) = (latency.P50, latency.P95, latency.P99);
        }
        else if (load is not null)
        {
            metrics.TotalRequests = load.Attempts;
            metrics.SuccessfulRequests = load.Successes;
            (metrics.LatencyP50, metrics.LatencyP95, metrics.LatencyP99) = (load.P50, load.P95, load.P99);
        }
        else if (timeline.ProbeAttempts.Count > 0)
        {
            // No load ran (a validation scenario): the probe is the only evidence of availability.
            var rate = SuccessRates.Overall(timeline.ProbeAttempts);
            var latency = LatencyDistribution.Of(timeline.ProbeAttempts);
            metrics.TotalRequests = rate.Attempts;
            metrics.SuccessfulRequests = rate.Successes;
            (metrics.LatencyP50, metrics.LatencyP95, metrics.LatencyP99) = (latency.P50, latency.P95, latency.P99);
            metrics.LoadGenerator ??= AttemptSources.Probe;
        }
    }
}
