using System.Globalization;
using System.Text;
using System.Xml.Linq;
using ZeroDowntime.MockVllm.Connections;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// The connection chart of a rolling upgrade: open connections per pod over time (old pods warm,
/// new pods cool), every lost connection as a red tick, the image change and each rollout step as
/// labelled vertical lines.
/// </summary>
public static partial class TimelineChart
{
    /// <summary>Colours shared with the HTML legend.</summary>
    internal const string OldPodColour = "#d95f02";
    internal const string NewPodColour = "#1f77b4";
    internal const string LostColour = "#d62728";
    internal const string StepColour = "#7f7f7f";

    private const double ConnectionsHeight = 220;
    private const double LostLane = 22;

    /// <summary>The connection chart of <paramref name="result"/>, or null when it has no connection records.</summary>
    public static XElement? RenderConnections(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Connections is not { Records.Count: > 0 } report)
        {
            return null;
        }

        var records = report.Records.Where(r => r.Established is not null).ToList();
        var from = result.Timeline.MonitoringStart ?? report.Records.Min(r => r.Start);
        var to = report.StoppedAt ?? result.Timeline.MonitoringEnd ?? report.Records.Max(r => r.End);
        var layout = new Layout(from, to > from ? to : from + TimeSpan.FromSeconds(1), 0);
        var top = Top + 8;
        var bottom = top + ConnectionsHeight;
        var height = bottom + LostLane + AxisHeight + 16;
        var series = records.GroupBy(r => r.Pod!).Select(g => (Pod: g.Key, Old: report.OldPods.Contains(g.Key), Steps: OpenCounts(g))).ToList();
        var busiest = series.SelectMany(s => s.Steps).Select(s => s.Open).DefaultIfEmpty(1).Max();
        var max = Math.Max(5, (int)Math.Ceiling(busiest * 1.1 / 5) * 5); // headroom above the busiest pod, ticks at fifths
        double Y(int open) => bottom - open / (double)max * ConnectionsHeight;

        var svg = new XElement(Svg + "svg",
            new XAttribute("class", "connections"),
            new XAttribute("data-scenario", result.Key),
            new XAttribute("viewBox", $"0 0 {N(Width)} {N(height)}"),
            new XAttribute("width", N(Width)),
            new XAttribute("height", N(height)),
            new XAttribute("role", "img"),
            new XElement(Svg + "title", $"{result.DisplayName}: open connections per pod over time (UTC), old pods versus new pods"),
            new XElement(Svg + "rect", Attrs(("x", 0), ("y", 0), ("width", Width), ("height", height)), new XAttribute("fill", "#ffffff")),
            new XElement(Svg + "rect", Attrs(("x", Left), ("y", top), ("width", PlotWidth), ("height", ConnectionsHeight)), new XAttribute("fill", "none"), new XAttribute("stroke", "#999")));
        foreach (var tick in AxisTicks(max))
        {
            svg.Add(Line(Left, Y(tick), Left + PlotWidth, Y(tick), "#e5e5e5", 1));
            svg.Add(Text(Left - 6, Y(tick) + 4, tick.ToString(CultureInfo.InvariantCulture), "end", "tick"));
        }

        svg.Add(Text(Left - 44, top - 10, "connections", "start", "tick"));
        foreach (var (pod, old, steps) in series.OrderBy(s => s.Old ? 0 : 1).ThenBy(s => s.Pod, StringComparer.Ordinal))
        {
            svg.Add(StepPath(steps, layout, Y, old ? OldPodColour : NewPodColour, $"{pod} ({(old ? "old" : "new")} pod)"));
        }

        var lanes = new XElement(Svg + "g", new XAttribute("class", "lost-connections"));
        lanes.Add(Text(Left - 6, bottom + LostLane - 6, "lost", "end", "tick"));
        foreach (var lost in report.Records.Where(r => r.IsLost))
        {
            var x = layout.X(lost.End);
            lanes.Add(new XElement(Svg + "line", Attrs(("x1", x), ("y1", bottom + 4), ("x2", x), ("y2", bottom + LostLane)),
                new XAttribute("stroke", LostColour), new XAttribute("stroke-width", "1.5"),
                new XElement(Svg + "title", $"{Time(lost.End)} lost connection (slot {lost.Slot}) on {lost.Pod}: {ConnectionRecord.ReasonText(lost.Reason)}")));
        }

        svg.Add(lanes);
        svg.Add(StepMarkers(report, layout, top, bottom + LostLane));
        svg.Add(TimeAxisAt(layout, bottom + LostLane + 4));
        return svg;
    }

    private static List<(DateTimeOffset Time, int Open)> OpenCounts(IEnumerable<ConnectionRecord> records)
    {
        // +1 when a connection is established, -1 when it ends; equal instants apply together.
        var changes = records.SelectMany(r => new[] { (Time: r.Established!.Value, Delta: 1), (Time: r.End, Delta: -1) }).GroupBy(c => c.Time).OrderBy(g => g.Key);
        var steps = new List<(DateTimeOffset, int)>();
        var open = 0;
        foreach (var change in changes)
        {
            open += change.Sum(c => c.Delta);
            steps.Add((change.Key, open));
        }

        return steps;
    }

    private static XElement StepPath(List<(DateTimeOffset Time, int Open)> steps, Layout layout, Func<int, double> y, string colour, string title)
    {
        var path = new StringBuilder();
        for (var i = 0; i < steps.Count; i++)
        {
            var x = layout.X(steps[i].Time);
            path.Append(i == 0 ? $"M{N(x)} {N(y(0))}V{N(y(steps[i].Open))}" : $"H{N(x)}V{N(y(steps[i].Open))}");
        }

        return new XElement(Svg + "path", new XAttribute("d", path.ToString()), new XAttribute("fill", "none"), new XAttribute("stroke", colour),
            new XAttribute("stroke-width", "1.5"), new XAttribute("class", "pod-connections"), new XElement(Svg + "title", title));
    }

    private static XElement StepMarkers(ConnectionReport report, Layout layout, double top, double bottom)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "rollout-steps"));
        if (report.Change is not { } change)
        {
            return group;
        }

        // Every status change is a line; only the image change, each new pod counted as updated, completion and the old pods' end get a label.
        var marks = new List<(DateTimeOffset Time, string? Label, string Colour)> { (change.AcceptedAt, "set image", MarkerColour) };
        var updated = -1;
        foreach (var step in report.Rollout?.Steps ?? [])
        {
            var label = step.Updated != updated ? string.Create(CultureInfo.InvariantCulture, $"{step.Updated}/{change.Replicas} updated") : null;
            updated = step.Updated;
            marks.Add((step.Time, label, StepColour));
        }

        if (report.Rollout?.CompletedAt is { } complete)
        {
            marks.Add((complete, "rollout complete", MarkerColour));
        }

        if (report.OldPodsGoneAt is { } gone)
        {
            marks.Add((gone, "old pods gone", MarkerColour));
        }

        var labelled = 0;
        foreach (var (time, label, colour) in marks)
        {
            var x = layout.X(time);
            var line = Line(x, top, x, bottom, colour, 1, "4 3");
            line.Add(new XElement(Svg + "title", $"{Time(time)} {label ?? "rollout status change"}"));
            group.Add(line);
            if (label is not null)
            {
                // Labels take turns on three rows so neighbouring steps stay readable.
                group.Add(Text(x + 3, top - 30 + labelled++ % 3 * 11, label, "start", "tick"));
            }
        }

        return group;
    }

    private static XElement TimeAxisAt(Layout layout, double y)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "axis-time"));
        group.Add(Line(Left, y, Left + PlotWidth, y, "#555", 1));
        var step = TickStep(layout.To - layout.From);
        for (var tick = new DateTimeOffset(layout.From.UtcTicks / step.Ticks * step.Ticks, TimeSpan.Zero); tick <= layout.To; tick += step)
        {
            if (tick >= layout.From)
            {
                group.Add(Line(layout.X(tick), y, layout.X(tick), y + 5, "#555", 1));
                group.Add(Text(layout.X(tick), y + 18, tick.UtcDateTime.ToString("HH:mm:ss", Inv), "middle", "tick"));
            }
        }

        return group;
    }

    private static IEnumerable<int> AxisTicks(int max)
    {
        var step = max / 5;
        for (var tick = 0; tick <= max; tick += step)
        {
            yield return tick;
        }
    }

    private static string Time(DateTimeOffset instant) => ReportFormat.Time(instant);
}
