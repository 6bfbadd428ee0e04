using System.Globalization;
using System.Xml.Linq;
using ZeroDowntime.Fixtures.Autoscaling;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// The Autoscaling scenario's chart (inline SVG): on top, Ready workers and the HPA's desired replicas
/// (left axis, with min and max) against the load's arrival rate per second (right axis, the planned
/// stages dotted); below, the workers' CPU utilization from the metrics API against the HPA's target
/// (the tolerance band shaded). HPA decisions (<c>SuccessfulRescale</c>) are vertical lines marked
/// <c>→ 5</c>; stage starts are thin dashed lines marked with their rate.
/// </summary>
public static class AutoscalingChart
{
    internal const string ReadyColour = "#333333";
    internal const string DesiredColour = "#6a3d9a";
    internal const string RateColour = "#1f77b4";
    internal const string CpuColour = "#ff7f0e";
    internal const string TargetColour = "#d62728";

    private const double Width = 1100, Left = 64, Right = 72, Top = 40, ReplicaHeight = 180, Gap = 44, CpuHeight = 130, Axis = 40;
    private const double PlotWidth = Width - Left - Right;
    private static readonly XNamespace Svg = TimelineChart.Svg;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The chart, or null when the scenario has no autoscaling timeline.</summary>
    public static XElement? Render(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Autoscaling is not { LoadStartedAt: { } started } a)
        {
            return null;
        }

        var from = result.Timeline.MonitoringStart ?? started;
        var to = result.Timeline.MonitoringEnd ?? Latest(result, a) ?? from + TimeSpan.FromSeconds(1);
        to = to > from ? to : from + TimeSpan.FromSeconds(1);
        double X(DateTimeOffset t) => Left + (Math.Clamp((t - from).TotalMilliseconds, 0, (to - from).TotalMilliseconds) / (to - from).TotalMilliseconds * PlotWidth);
        var cpuTop = Top + ReplicaHeight + Gap;
        var height = cpuTop + CpuHeight + Axis;
        var svg = new XElement(Svg + "svg", new XAttribute("class", "timeline autoscaling"), new XAttribute("data-scenario", result.Key),
            new XAttribute("viewBox", $"0 0 {N(Width)} {N(height)}"), new XAttribute("width", N(Width)), new XAttribute("height", N(height)), new XAttribute("role", "img"),
            new XElement(Svg + "title", $"{result.DisplayName}: replicas, load rate and CPU utilization against the HPA's target over time (UTC)"),
            Rect(0, 0, Width, height, "#ffffff", "none"));

        var ready = ReadyCounts.Timeline(result.Timeline.Events, a.Role);
        var maxReplicas = Math.Max(a.MaxReplicas, Math.Max(ready.Count == 0 ? 0 : ready.Max(s => s.Count), a.Snapshots.Select(s => s.DesiredReplicas).DefaultIfEmpty().Max())) + 1;
        double YReplicas(double n) => Top + ReplicaHeight - (n / maxReplicas * ReplicaHeight);
        svg.Add(Rect(Left, Top, PlotWidth, ReplicaHeight, "none", "#999"));
        for (var n = 0; n <= maxReplicas; n++)
        {
            svg.Add(Line(Left, YReplicas(n), Left + PlotWidth, YReplicas(n), "#eeeeee", 1), Text(Left - 6, YReplicas(n) + 4, n.ToString(Inv), "end", "tick"));
        }

        svg.Add(Text(Left - 40, Top - 12, "replicas", "start", "lane-title"));
        svg.Add(Line(Left, YReplicas(a.MinReplicas), Left + PlotWidth, YReplicas(a.MinReplicas), "#999", 1, "2 3"), Text(Left + 4, YReplicas(a.MinReplicas) - 3, $"min {a.MinReplicas}", "start", "tick"));
        svg.Add(Line(Left, YReplicas(a.MaxReplicas), Left + PlotWidth, YReplicas(a.MaxReplicas), "#999", 1, "2 3"), Text(Left + 4, YReplicas(a.MaxReplicas) - 3, $"max {a.MaxReplicas}", "start", "tick"));

        // Load rate per second (right axis): attempts started in each second, and the plan dotted.
        var load = result.Timeline.LoadAttempts;
        var perSecond = Enumerable.Range(0, (int)Math.Ceiling((to - from).TotalSeconds)).Select(i => from + TimeSpan.FromSeconds(i))
            .Select(t => (t, (double)load.Count(x => x.Start >= t && x.Start < t + TimeSpan.FromSeconds(1)))).ToList();
        var peakRate = Math.Max(1, Math.Max(perSecond.Select(p => p.Item2).DefaultIfEmpty().Max(), a.Stages.Select(s => s.Rate).DefaultIfEmpty().Max())) * 1.1;
        double YRate(double r) => Top + ReplicaHeight - (r / peakRate * ReplicaHeight);
        svg.Add(Text(Left + PlotWidth + 6, Top + 4, $"{peakRate:0}/s", "start", "tick"), Text(Left + PlotWidth + 6, Top + ReplicaHeight, "0/s", "start", "tick"));
        svg.Add(Path(perSecond.Select(p => (X(p.t), YRate(p.Item2))), RateColour, 1.5, null, "load-rate"));
        var starts = LoadStages.Starts(a.Stages);
        var plan = a.Stages.Select((s, i) => (Start: started + starts[i], s.Rate)).ToList();
        svg.Add(Path(plan.SelectMany((p, i) => new[] { (X(p.Start), YRate(p.Rate)), (X(i + 1 < plan.Count ? plan[i + 1].Start : to), YRate(p.Rate)) }), RateColour, 1, "1 3", "load-plan"));

        svg.Add(Steps(ready.Select(s => (s.Time, (double)s.Count)), from, to, X, YReplicas, ReadyColour, 2.5, null, "ready"));
        // Before its first sync an HPA has no status (0 / 0): that is not a decision.
        svg.Add(Steps(a.Snapshots.Where(s => s.DesiredReplicas > 0).Select(s => (s.Time, (double)s.DesiredReplicas)), from, to, X, YReplicas, DesiredColour, 1.5, "6 3", "desired"));

        // CPU utilization against the target, with the tolerance band in which the HPA does nothing.
        var cpu = a.Cpu.Where(c => c.UtilizationPercent is not null).ToList();
        var peakCpu = Math.Max(100, Math.Max(cpu.Select(c => c.UtilizationPercent!.Value).DefaultIfEmpty().Max(), a.TargetUtilization ?? 0)) * 1.1;
        double YCpu(double p) => cpuTop + CpuHeight - (p / peakCpu * CpuHeight);
        svg.Add(Rect(Left, cpuTop, PlotWidth, CpuHeight, "none", "#999"), Text(Left - 40, cpuTop - 12, "cpu % of request", "start", "lane-title"));
        var step = peakCpu > 250 ? 100 : 50;
        for (var percent = 0; percent <= peakCpu; percent += step)
        {
            svg.Add(Line(Left, YCpu(percent), Left + PlotWidth, YCpu(percent), "#eeeeee", 1), Text(Left - 6, YCpu(percent) + 4, $"{percent}%", "end", "tick"));
        }

        if (a.TargetUtilization is { } target)
        {
            svg.Add(Rect(Left, YCpu(target * 1.1), PlotWidth, YCpu(target * 0.9) - YCpu(target * 1.1), TargetColour, "none", 0.08));
            svg.Add(Line(Left, YCpu(target), Left + PlotWidth, YCpu(target), TargetColour, 1, "6 3"), Text(Left + PlotWidth + 6, YCpu(target) + 4, $"target {target}%", "start", "tick"));
        }

        svg.Add(Path(cpu.Select(c => (X(c.Time), YCpu(c.UtilizationPercent!.Value))), CpuColour, 2, null, "cpu"));
        foreach (var c in cpu)
        {
            svg.Add(new XElement(Svg + "circle", new XAttribute("cx", N(X(c.Time))), new XAttribute("cy", N(YCpu(c.UtilizationPercent!.Value))), new XAttribute("r", "2.5"),
                new XAttribute("fill", CpuColour), new XElement(Svg + "title", $"{ReportFormat.Time(c.Time)}: {c.UtilizationPercent:0}% ({c.UsageMillicores:0}m of {c.RequestMillicores:0}m, {c.Pods} pods)")));
        }

        for (var i = 0; i < plan.Count; i++)
        {
            svg.Add(Line(X(plan[i].Start), Top, X(plan[i].Start), cpuTop + CpuHeight, "#bbbbbb", 1, "2 4"), Text(X(plan[i].Start) + 3, Top - 4, $"{plan[i].Rate:0.##}/s", "start", "tick"));
        }

        foreach (var decision in a.Events.Where(e => e.NewSize is not null))
        {
            svg.Add(new XElement(Svg + "g", new XAttribute("class", "hpa-decision"), new XElement(Svg + "title", $"{ReportFormat.Time(decision.Time)} {decision.Message}"),
                Line(X(decision.Time), Top, X(decision.Time), cpuTop + CpuHeight, DesiredColour, 1.2), Text(X(decision.Time) + 3, Top + 14, $"→ {decision.NewSize}", "start", "marker-label")));
        }

        svg.Add(Text(Left + PlotWidth / 2, height - 8, "time (UTC)", "middle", "tick"));
        svg.Add(Text(Left, height - 22, ReportFormat.Time(from), "start", "tick"), Text(Left + PlotWidth, height - 22, ReportFormat.Time(to), "end", "tick"));
        return svg;
    }

    private static DateTimeOffset? Latest(ScenarioResult result, AutoscalingTimeline a) =>
        result.Timeline.Events.Select(e => e.Time).Concat(a.Cpu.Select(c => c.Time)).Concat(result.Timeline.ProbeAttempts.Select(p => p.End)).DefaultIfEmpty().Max() is { } t && t != default ? t : null;

    private static XElement Steps(IEnumerable<(DateTimeOffset Time, double Value)> steps, DateTimeOffset from, DateTimeOffset to, Func<DateTimeOffset, double> x, Func<double, double> y,
        string colour, double width, string? dash, string cssClass)
    {
        var points = new List<(double, double)>();
        var list = steps.OrderBy(s => s.Time).ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var end = i + 1 < list.Count ? list[i + 1].Time : to;
            if (end < from)
            {
                continue;
            }

            points.Add((x(list[i].Time < from ? from : list[i].Time), y(list[i].Value)));
            points.Add((x(end), y(list[i].Value)));
        }

        return Path(points, colour, width, dash, cssClass);
    }

    private static XElement Path(IEnumerable<(double X, double Y)> points, string colour, double width, string? dash, string cssClass)
    {
        var d = string.Join(" ", points.Select((p, i) => $"{(i == 0 ? "M" : "L")}{N(p.X)} {N(p.Y)}"));
        var path = new XElement(Svg + "path", new XAttribute("class", cssClass), new XAttribute("d", d.Length == 0 ? "M0 0" : d), new XAttribute("fill", "none"),
            new XAttribute("stroke", colour), new XAttribute("stroke-width", N(width)));
        if (dash is not null)
        {
            path.Add(new XAttribute("stroke-dasharray", dash));
        }

        return path;
    }

    private static XElement Rect(double x, double y, double w, double h, string fill, string stroke, double opacity = 1) =>
        new(Svg + "rect", new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("width", N(w)), new XAttribute("height", N(Math.Max(0, h))),
            new XAttribute("fill", fill), new XAttribute("stroke", stroke), new XAttribute("fill-opacity", N(opacity)));

    private static XElement Line(double x1, double y1, double x2, double y2, string stroke, double width, string? dash = null)
    {
        var line = new XElement(Svg + "line", new XAttribute("x1", N(x1)), new XAttribute("y1", N(y1)), new XAttribute("x2", N(x2)), new XAttribute("y2", N(y2)),
            new XAttribute("stroke", stroke), new XAttribute("stroke-width", N(width)));
        if (dash is not null)
        {
            line.Add(new XAttribute("stroke-dasharray", dash));
        }

        return line;
    }

    private static XElement Text(double x, double y, string text, string anchor, string cssClass) =>
        new(Svg + "text", new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("text-anchor", anchor), new XAttribute("class", cssClass), text);

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", Inv);
}
