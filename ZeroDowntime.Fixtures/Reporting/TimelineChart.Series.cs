using System.Text;
using System.Xml.Linq;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>The chart's series: rate and latency, Ready lanes, downtime shading, markers.</summary>
public static partial class TimelineChart
{
    /// <summary>Colours shared with the HTML legend.</summary>
    internal const string RateColour = "#2ca02c";
    internal const string ProbeColour = "#1f77b4";
    internal const string LatencyColour = "#ff7f0e";
    internal const string ReadyColour = "#333333";
    internal const string DowntimeColour = "#d62728";
    internal const string MarkerColour = "#6a3d9a";

    private const int MaxBuckets = 600;

    private static XElement RatePanel(ScenarioResult result, Layout layout)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "rate-panel"));
        group.Add(new XElement(Svg + "rect", Attrs(("x", Left), ("y", layout.RateTop), ("width", PlotWidth), ("height", RateHeight)),
            new XAttribute("fill", "none"), new XAttribute("stroke", "#999")));
        foreach (var percent in new[] { 0, 25, 50, 75, 100 })
        {
            var y = layout.RateBottom - percent / 100.0 * RateHeight;
            group.Add(Line(Left, y, Left + PlotWidth, y, "#e5e5e5", 1));
            group.Add(Text(Left - 6, y + 4, $"{percent}%", "end", "tick"));
        }

        var width = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((layout.To - layout.From).TotalSeconds / MaxBuckets)));
        var timeline = result.Timeline;
        var main = timeline.AvailabilityAttempts;
        if (main.Count == 0)
        {
            group.Add(Text(Left + PlotWidth / 2, layout.RateTop + RateHeight / 2, "No requests were recorded", "middle", "empty-note"));
            return group;
        }

        var buckets = SuccessRates.Buckets(main, layout.From, layout.To, width);
        group.Add(RateSeries(buckets, layout, RateColour, "success-rate", dotted: false, area: true));
        if (timeline.LoadAttempts.Count > 0 && timeline.ProbeAttempts.Count > 0)
        {
            group.Add(RateSeries(SuccessRates.Buckets(timeline.ProbeAttempts, layout.From, layout.To, width), layout, ProbeColour, "probe-rate", dotted: true, area: false));
        }

        group.Add(LatencySeries(main, buckets, layout));
        return group;
    }

    private static IEnumerable<XElement> RateSeries(IReadOnlyList<SuccessRateBucket> buckets, Layout layout, string colour, string cssClass, bool dotted, bool area)
    {
        // Step line: one horizontal run per constant rate, a vertical at each change, a gap where a bucket had no attempts.
        var line = new StringBuilder();
        var fill = new StringBuilder();
        var open = false;
        var lastX = 0.0;
        var lastY = double.NaN;
        foreach (var bucket in buckets)
        {
            if (bucket.Rate.Attempts == 0)
            {
                EndRun(line, fill, ref open, lastX, layout);
                continue;
            }

            var (x0, x1) = (layout.X(bucket.Start), layout.X(bucket.End));
            var y = layout.RateBottom - bucket.Rate.Ratio * RateHeight;
            if (!open)
            {
                line.Append($"M{N(x0)} {N(y)}");
                fill.Append($"M{N(x0)} {N(layout.RateBottom)}V{N(y)}");
                open = true;
            }
            else if (N(y) != N(lastY))
            {
                line.Append($"H{N(x0)}V{N(y)}");
                fill.Append($"H{N(x0)}V{N(y)}");
            }

            (lastX, lastY) = (x1, y);
        }

        EndRun(line, fill, ref open, lastX, layout);
        if (area && fill.Length > 0)
        {
            yield return new XElement(Svg + "path", new XAttribute("d", fill.ToString()), new XAttribute("fill", colour), new XAttribute("fill-opacity", "0.12"), new XAttribute("stroke", "none"));
        }

        if (line.Length > 0)
        {
            var path = new XElement(Svg + "path", new XAttribute("class", cssClass), new XAttribute("d", line.ToString()),
                new XAttribute("fill", "none"), new XAttribute("stroke", colour), new XAttribute("stroke-width", dotted ? "1.5" : "2"));
            if (dotted)
            {
                path.Add(new XAttribute("stroke-dasharray", "2 3"));
            }

            yield return path;
        }
    }

    private static void EndRun(StringBuilder line, StringBuilder fill, ref bool open, double lastX, Layout layout)
    {
        if (open)
        {
            line.Append($"H{N(lastX)}");
            fill.Append($"H{N(lastX)}V{N(layout.RateBottom)}Z");
            open = false;
        }
    }

    private static IEnumerable<XElement> LatencySeries(IReadOnlyList<AttemptRecord> attempts, IReadOnlyList<SuccessRateBucket> buckets, Layout layout)
    {
        var sorted = attempts.OrderBy(a => a.Start).ToList();
        var points = new List<(double X, double Ms)>();
        var index = 0;
        foreach (var bucket in buckets)
        {
            var latencies = new List<TimeSpan>();
            for (; index < sorted.Count && sorted[index].Start < bucket.End; index++)
            {
                if (sorted[index].Start >= bucket.Start)
                {
                    latencies.Add(sorted[index].Latency);
                }
            }

            if (Percentiles.NearestRank(latencies, 95) is { } p95)
            {
                points.Add((layout.X(bucket.Start + (bucket.End - bucket.Start) / 2), p95.TotalMilliseconds));
            }
        }

        var max = NiceCeiling(points.Count == 0 ? 1 : points.Max(p => p.Ms));
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            yield return Text(Left + PlotWidth + 6, layout.RateBottom - fraction * RateHeight + 4, $"{N(max * fraction)} ms", "start", "tick latency-tick");
        }

        if (points.Count > 0)
        {
            var d = string.Join(' ', points.Select((p, i) => $"{(i == 0 ? "M" : "L")}{N(p.X)} {N(layout.RateBottom - p.Ms / max * RateHeight)}"));
            yield return new XElement(Svg + "path", new XAttribute("class", "latency-p95"), new XAttribute("d", d),
                new XAttribute("fill", "none"), new XAttribute("stroke", LatencyColour), new XAttribute("stroke-width", "1.5"));
        }
    }

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(value, 1))));
        return new[] { 1, 2, 5, 10 }.Select(f => f * magnitude).First(c => c >= value);
    }

    private static XElement ReadyLane(ScenarioResult result, string role, Layout layout, int lane)
    {
        var timeline = result.Timeline;
        var steps = ReadyCounts.Timeline(timeline.Events, role);
        var expected = timeline.ExpectedReady.TryGetValue(role, out var e) ? e : (int?)null;
        var top = layout.LaneTop(lane);
        var bottom = top + LaneHeight;
        var max = Math.Max(1, Math.Max(expected ?? 0, steps.Max(s => s.Count)));
        double Y(int count) => bottom - (double)count / max * LaneHeight;

        var group = new XElement(Svg + "g", new XAttribute("class", "ready-lane"), new XAttribute("data-role", role));
        group.Add(Text(Left, top - 8, $"{role} pods Ready" + (expected is { } shown ? $" (expected {shown})" : string.Empty), "start", "lane-title"));
        group.Add(new XElement(Svg + "rect", Attrs(("x", Left), ("y", top), ("width", PlotWidth), ("height", LaneHeight)), new XAttribute("fill", "none"), new XAttribute("stroke", "#ccc")));
        group.Add(Text(Left - 6, top + 4, max.ToString(Inv), "end", "tick"));
        group.Add(Text(Left - 6, bottom + 4, "0", "end", "tick"));
        if (expected is { } want)
        {
            group.Add(Line(Left, Y(want), Left + PlotWidth, Y(want), "#888", 1, "5 4"));
        }

        var count = ReadyCounts.CountAt(steps, layout.From);
        var x = Left;
        var d = new StringBuilder($"M{N(x)} {N(Y(count))}");
        void Segment(double toX)
        {
            if (expected is { } want && count < want && toX > x)
            {
                group.Add(new XElement(Svg + "rect", Attrs(("x", x), ("y", Y(want)), ("width", toX - x), ("height", Y(count) - Y(want))),
                    new XAttribute("fill", "#f0a500"), new XAttribute("fill-opacity", "0.25"),
                    new XElement(Svg + "title", $"{count} of {want} {role} pods Ready")));
            }

            d.Append($"H{N(toX)}");
            x = toX;
        }

        foreach (var step in steps.Where(s => s.Time > layout.From && s.Time <= layout.To))
        {
            Segment(layout.X(step.Time));
            count = step.Count;
            d.Append($"V{N(Y(count))}");
            group.Add(Text(x + 3, Y(count) - 3, count.ToString(Inv), "start", "count"));
        }

        Segment(Left + PlotWidth);
        group.Add(new XElement(Svg + "path", new XAttribute("class", "ready-count"), new XAttribute("d", d.ToString()),
            new XAttribute("fill", "none"), new XAttribute("stroke", ReadyColour), new XAttribute("stroke-width", "2")));
        return group;
    }

    private static XElement DowntimeShading(ScenarioResult result, Layout layout)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "downtime"));
        foreach (var window in result.Metrics.DowntimeWindows.Where(w => w.End >= layout.From && w.Start <= layout.To))
        {
            var (x0, x1) = (layout.X(window.Start), layout.X(window.End));
            group.Add(new XElement(Svg + "rect", new XAttribute("class", "downtime-window"),
                Attrs(("x", x0), ("y", layout.RateTop), ("width", Math.Max(1.5, x1 - x0)), ("height", layout.PlotBottom - layout.RateTop)),
                new XAttribute("fill", DowntimeColour), new XAttribute("fill-opacity", "0.14"),
                new XElement(Svg + "title", $"downtime {ReportFormat.Window(window)} ({ReportFormat.Duration(window.Duration)}, {window.FailedAttempts} failed attempts)")));
        }

        return group;
    }

    private static XElement Markers(ScenarioResult result, Layout layout)
    {
        const double charWidth = 6.3;
        const int rows = 3;
        var rowEnds = new double[rows];
        Array.Fill(rowEnds, double.MinValue);
        var group = new XElement(Svg + "g", new XAttribute("class", "markers"));
        foreach (var marker in result.Timeline.Markers.Where(m => m.Time >= layout.From && m.Time <= layout.To))
        {
            var label = ReportText.OneLine(marker.Label);
            var x = layout.X(marker.Time);
            var width = label.Length * charWidth;
            var anchorEnd = x + 3 + width > Width - 4;
            var (start, end) = anchorEnd ? (x - 3 - width, x) : (x, x + 3 + width);
            var row = Array.FindIndex(rowEnds, r => r < start - 6);
            row = row < 0 ? 0 : row;
            rowEnds[row] = end;
            var y = layout.RateTop - 10 - row * 15;
            group.Add(new XElement(Svg + "g", new XAttribute("class", "marker"), new XAttribute("data-label", label),
                new XElement(Svg + "title", $"{ReportFormat.Time(marker.Time)} {label}"),
                Line(x, y + 3, x, layout.PlotBottom, MarkerColour, 1.2, "4 3"),
                Text(anchorEnd ? x - 3 : x + 3, y, label, anchorEnd ? "end" : "start", "marker-label")));
        }

        return group;
    }
}
