using System.Globalization;
using System.Text;
using System.Xml.Linq;
using ZeroDowntime.Fixtures.Load;
using static ZeroDowntime.Fixtures.Reporting.ReportFormat;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>The Autoscaling scenario's section: the HPA, the load stages, its decisions and the replicas/load/CPU chart.</summary>
public static partial class HtmlReport
{
    private static void AppendAutoscaling(StringBuilder html, ScenarioResult s)
    {
        if (s.Autoscaling is not { } a)
        {
            return;
        }

        var starts = LoadStages.Starts(a.Stages);
        var stages = string.Join(", ", a.Stages.Select((stage, i) =>
            $"{stage.Rate.ToString("0.##", CultureInfo.InvariantCulture)}/s from {(a.LoadStartedAt is { } t ? Time(t + starts[i]) : NotAvailable)}"
            + (i == a.Stages.Count - 1 ? " (held)" : $" for {Duration(stage.Duration)}")));
        html.Append("<h3>Autoscaling</h3>\n<table class=\"metrics\">\n<tbody>\n");
        Row(html, "HorizontalPodAutoscaler", $"{a.HpaName}: min {a.MinReplicas}, max {a.MaxReplicas}, expected {a.ExpectedReplicas}"
            + (a.TargetUtilization is { } target ? $", cpu target {target}%" : ""));
        Row(html, "Load stages", stages);
        Row(html, "Scale-up", a.ScaledUpAt is { } up && a.TopStageAt is { } step ? $"{Duration(up - step)} after the step to the top stage ({Time(up)})" : "not reached");
        Row(html, "Scale-down", a.ScaledDownAt is { } down && a.LoadStoppedAt is { } stop ? $"{Duration(down - stop)} after the load stopped ({Time(down)})" : "not reached");
        var peak = a.Cpu.Select(c => c.UtilizationPercent).OfType<double>().DefaultIfEmpty().Max();
        Row(html, "CPU (metrics API)", a.Cpu.Count == 0 ? NotAvailable : $"{a.Cpu.Count} reads, peak {peak:0}% of requests");
        Row(html, "HPA events", a.Events.Count == 0 ? "none" : string.Join("; ", a.Events.Select(e => $"{Time(e.Time)} {e.Reason}: {e.Message}")));
        html.Append("</tbody>\n</table>\n");
        if (AutoscalingChart.Render(s) is { } chart)
        {
            var legend = new (string Colour, string Text, string Style)[]
            {
                (AutoscalingChart.ReadyColour, "Ready workers (left axis)", "line"),
                (AutoscalingChart.DesiredColour, "HPA desired replicas; vertical: its rescale decisions", "dashed"),
                (AutoscalingChart.RateColour, "load attempts per second (right axis; dotted: the plan)", "line"),
                (AutoscalingChart.CpuColour, "CPU % of request, from the metrics API", "line"),
                (AutoscalingChart.TargetColour, "HPA target (band: ±10% tolerance)", "dashed"),
            };
            html.Append("<figure>\n<figcaption class=\"legend\">")
                .Append(string.Concat(legend.Select(i => $"<span class=\"key {i.Style}\" style=\"--c:{i.Colour}\"></span>{E(i.Text)}")))
                .Append("</figcaption>\n").Append(chart.ToString(SaveOptions.DisableFormatting)).Append("\n</figure>\n");
        }
    }

    private static void Row(StringBuilder html, string name, string value) => html.Append("<tr>").Append(Cell(name)).Append(Cell(value)).Append("</tr>\n");
}
