using System.Globalization;
using System.Xml.Linq;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>Every failed attempt as a tick, and degraded windows shaded apart from strict downtime.</summary>
public static partial class TimelineChart
{
    internal const string FailureColour = "#b00020";
    internal const string DegradedColour = "#e6a100";

    /// <summary>
    /// One red tick under the rate panel per pixel column holding failed attempts (load and probe),
    /// at the moment each failure was seen: a 1-in-30 failure rate that the per-second line rounds
    /// away still shows. Hover: the count and the first time.
    /// </summary>
    private static XElement FailureTicks(ScenarioResult result, Layout layout)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "failures"));
        var timeline = result.Timeline;
        var columns = timeline.LoadAttempts.Select(a => (Attempt: a, Lane: 0))
            .Concat(timeline.ProbeAttempts.Select(a => (Attempt: a, Lane: 1)))
            .Where(f => !f.Attempt.Succeeded && f.Attempt.Seen >= layout.From && f.Attempt.Seen <= layout.To)
            .GroupBy(f => (Column: (int)Math.Round(layout.X(f.Attempt.Seen)), f.Lane))
            .OrderBy(g => g.Key.Lane).ThenBy(g => g.Key.Column);
        foreach (var column in columns)
        {
            var first = column.Min(f => f.Attempt.Seen);
            var y = layout.RateBottom - 2 - (column.Key.Lane * 6);
            var source = column.Key.Lane == 0 ? "load" : "probe";
            group.Add(new XElement(Svg + "g", new XAttribute("class", $"failure-tick {source}"), new XAttribute("data-count", column.Count()),
                new XElement(Svg + "title", string.Create(CultureInfo.InvariantCulture, $"{column.Count()} failed {source} attempt(s) seen at {ReportFormat.Time(first)}")),
                Line(column.Key.Column, y - 5, column.Key.Column, y, FailureColour, 1.5)));
        }

        return group;
    }

    private static XElement DegradedShading(ScenarioResult result, Layout layout)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "degraded"));
        foreach (var window in result.Metrics.DegradedWindows.Where(w => !w.IsFullOutage && w.End >= layout.From && w.Start <= layout.To))
        {
            var (x0, x1) = (layout.X(window.Start), layout.X(window.End));
            group.Add(new XElement(Svg + "rect", new XAttribute("class", "degraded-window"),
                Attrs(("x", x0), ("y", layout.RateTop), ("width", Math.Max(1.5, x1 - x0)), ("height", layout.PlotBottom - layout.RateTop)),
                new XAttribute("fill", DegradedColour), new XAttribute("fill-opacity", "0.16"),
                new XElement(Svg + "title", "degraded " + WindowText.Degraded(window))));
        }

        return group;
    }
}
