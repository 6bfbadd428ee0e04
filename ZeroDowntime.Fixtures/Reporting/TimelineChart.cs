using System.Globalization;
using System.Xml.Linq;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// Draws one scenario's timeline as an inline SVG (built with <see cref="XElement"/>, so it is always
/// well-formed XML): success rate per second (0–100%, left axis) and p95 latency per second (right
/// axis) on top, one Ready-count lane per role below, downtime windows shaded red across both,
/// disruption markers as labelled vertical lines. No scripts; tooltips are SVG <c>title</c>s.
/// </summary>
public static partial class TimelineChart
{
    /// <summary>The SVG namespace.</summary>
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private const double Width = 1100;
    private const double Left = 64;
    private const double Right = 72;
    private const double Top = 64;
    private const double RateHeight = 200;
    private const double LaneGap = 34;
    private const double LaneHeight = 58;
    private const double AxisHeight = 44;
    private const double PlotWidth = Width - Left - Right;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The chart of <paramref name="result"/>, or null when it has no timeline at all (a validation
    /// scenario with checks only).
    /// </summary>
    public static XElement? Render(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Range(result.Timeline) is not var (from, to))
        {
            return null;
        }

        var roles = Roles(result.Timeline);
        var layout = new Layout(from, to, roles.Count);
        var svg = new XElement(Svg + "svg",
            new XAttribute("class", "timeline"),
            new XAttribute("data-scenario", result.Key),
            new XAttribute("viewBox", $"0 0 {N(Width)} {N(layout.Height)}"),
            new XAttribute("width", N(Width)),
            new XAttribute("height", N(layout.Height)),
            new XAttribute("role", "img"),
            new XElement(Svg + "title", $"{result.DisplayName}: success rate, p95 latency and Ready pods over time (UTC)"),
            new XElement(Svg + "rect", Attrs(("x", 0), ("y", 0), ("width", Width), ("height", layout.Height)), new XAttribute("fill", "#ffffff")));

        svg.Add(DegradedShading(result, layout));
        svg.Add(DowntimeShading(result, layout));
        svg.Add(RatePanel(result, layout));
        svg.Add(FailureTicks(result, layout));
        for (var i = 0; i < roles.Count; i++)
        {
            svg.Add(ReadyLane(result, roles[i], layout, i));
        }

        svg.Add(TimeAxis(layout));
        svg.Add(Markers(result, layout));
        return svg;
    }

    /// <summary>The instants the chart spans: load start (else monitoring start) to monitoring end, else the extent of the evidence; null without any.</summary>
    internal static (DateTimeOffset From, DateTimeOffset To)? Range(ScenarioTimeline timeline)
    {
        var instants = timeline.LoadAttempts.Concat(timeline.ProbeAttempts).SelectMany(a => new[] { a.Start, a.End })
            .Concat(timeline.Events.Select(e => e.Time))
            .Concat(timeline.Markers.Select(m => m.Time))
            .ToList();
        var start = timeline.LoadStartedAt ?? timeline.MonitoringStart;
        if (instants.Count == 0 && (start is null || timeline.MonitoringEnd is null))
        {
            return null;
        }

        var from = start ?? instants.Min();
        var to = timeline.MonitoringEnd ?? instants.Max();
        return to > from ? (from, to) : (from, from + TimeSpan.FromSeconds(1));
    }

    private static List<string> Roles(ScenarioTimeline timeline) =>
        timeline.ExpectedReady.Keys
            .Concat(timeline.Events.Where(e => e.Role is not null && e.Pod is not null).Select(e => e.Role!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static XElement TimeAxis(Layout layout)
    {
        var group = new XElement(Svg + "g", new XAttribute("class", "axis-time"));
        var y = layout.Height - AxisHeight;
        group.Add(Line(Left, y, Left + PlotWidth, y, "#555", 1));
        var step = TickStep(layout.To - layout.From);
        var first = new DateTimeOffset(layout.From.UtcTicks / step.Ticks * step.Ticks, TimeSpan.Zero);
        for (var tick = first; tick <= layout.To; tick += step)
        {
            if (tick < layout.From)
            {
                continue;
            }

            var x = layout.X(tick);
            group.Add(Line(x, y, x, y + 5, "#555", 1));
            group.Add(Text(x, y + 18, tick.UtcDateTime.ToString("HH:mm:ss", Inv), "middle", "tick"));
        }

        group.Add(Text(Left + PlotWidth / 2, y + 34, "time (UTC)", "middle", "tick"));
        return group;
    }

    private static TimeSpan TickStep(TimeSpan span)
    {
        int[] candidates = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
        var seconds = candidates.FirstOrDefault(c => span.TotalSeconds / c <= 10, candidates[^1]);
        return TimeSpan.FromSeconds(seconds);
    }

    private static XAttribute[] Attrs(params (string Name, double Value)[] attributes) =>
        attributes.Select(a => new XAttribute(a.Name, N(a.Value))).ToArray();

    private static XElement Line(double x1, double y1, double x2, double y2, string stroke, double width, string? dash = null)
    {
        var line = new XElement(Svg + "line", Attrs(("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)),
            new XAttribute("stroke", stroke), new XAttribute("stroke-width", N(width)));
        if (dash is not null)
        {
            line.Add(new XAttribute("stroke-dasharray", dash));
        }

        return line;
    }

    private static XElement Text(double x, double y, string text, string anchor, string cssClass) =>
        new(Svg + "text", Attrs(("x", x), ("y", y)), new XAttribute("text-anchor", anchor), new XAttribute("class", cssClass), text);

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", Inv);

    /// <summary>Positions on the chart.</summary>
    private sealed record Layout(DateTimeOffset From, DateTimeOffset To, int Lanes)
    {
        public double RateTop => Top;

        public double RateBottom => Top + RateHeight;

        public double Height => RateBottom + Lanes * (LaneGap + LaneHeight) + AxisHeight + 10;

        public double PlotBottom => Height - AxisHeight;

        public double LaneTop(int index) => RateBottom + LaneGap + index * (LaneGap + LaneHeight);

        public double X(DateTimeOffset instant)
        {
            var clamped = instant < From ? From : instant > To ? To : instant;
            return Left + (clamped - From).TotalMilliseconds / (To - From).TotalMilliseconds * PlotWidth;
        }
    }
}
