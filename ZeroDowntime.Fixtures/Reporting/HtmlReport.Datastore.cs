using System.Globalization;
using System.Text;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>A datastore failover's block: its lines as a table, then the ledger writes per second as stacked bars.</summary>
public static partial class HtmlReport
{
    /// <summary>Acknowledged writes in the write chart.</summary>
    public const string AcknowledgedColour = "#2e7d32";

    /// <summary>Writes that were not acknowledged.</summary>
    public const string UnacknowledgedColour = "#f9a825";

    /// <summary>Acknowledged writes missing from the final read.</summary>
    public const string LostColour = "#c62828";

    private const int ChartWidth = 900;
    private const int ChartHeight = 140;
    private const int Left = 44;
    private const int Bottom = 22;

    private static void AppendDatastore(StringBuilder html, DatastoreReport? report)
    {
        if (report is null)
        {
            return;
        }

        html.Append("<h3>Datastore failover</h3>\n<table class=\"metrics\">\n<tbody>\n");
        foreach (var (label, value) in DatastoreReportText.Lines(report))
        {
            html.Append("<tr>").Append(Cell(label)).Append(Cell(value)).Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (report.WriteTimeline.Count > 0)
        {
            html.Append("<figure>\n<div class=\"legend\">")
                .Append(Key(AcknowledgedColour, "acknowledged writes per second")).Append(Key(UnacknowledgedColour, "not acknowledged"))
                .Append(Key(LostColour, "acknowledged, then lost")).Append(Key(TimelineChart.MarkerColour, "kill, new primary", "dashed"))
                .Append("</div>\n").Append(WriteChart(report)).Append("\n</figure>\n");
        }
    }

    private static string Key(string colour, string text, string style = "area") =>
        $"<span class=\"key {style}\" style=\"--c:{colour}\"></span>{E(text)}";

    /// <summary>One stacked bar per second (lost on the bottom, then acknowledged, then not acknowledged), marker lines at the kill and the new primary.</summary>
    private static string WriteChart(DatastoreReport report)
    {
        var seconds = report.WriteTimeline;
        var max = Math.Max(1, seconds.Max(s => s.Acknowledged + s.Failed));
        var plotWidth = ChartWidth - Left - 8;
        var plotHeight = ChartHeight - Bottom - 8;
        var barWidth = (double)plotWidth / seconds.Count;
        var start = seconds[0].Second;
        var svg = new StringBuilder();
        svg.Append(Inv, $"<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {ChartWidth} {ChartHeight}\" role=\"img\" aria-label=\"ledger writes per second\">");
        svg.Append(Inv, $"<text class=\"tick\" x=\"{Left - 6}\" y=\"12\" text-anchor=\"end\">{max}</text><text class=\"tick\" x=\"{Left - 6}\" y=\"{8 + plotHeight}\" text-anchor=\"end\">0</text>");
        for (var i = 0; i < seconds.Count; i++)
        {
            var s = seconds[i];
            var x = Left + (i * barWidth);
            var y = 8.0 + plotHeight;
            foreach (var (count, colour) in new[] { (s.Lost, LostColour), (s.Acknowledged - s.Lost, AcknowledgedColour), (s.Failed, UnacknowledgedColour) })
            {
                var height = (double)count / max * plotHeight;
                if (count > 0)
                {
                    y -= height;
                    svg.Append(Inv, $"<rect x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{Math.Max(1, barWidth - 1):0.##}\" height=\"{height:0.##}\" fill=\"{colour}\"><title>{ReportFormat.Time(s.Second)}: {s.Acknowledged} acknowledged ({s.Lost} lost), {s.Failed} not acknowledged</title></rect>");
                }
            }

            if (i % Math.Max(1, seconds.Count / 10) == 0)
            {
                svg.Append(Inv, $"<text class=\"tick\" x=\"{x:0.##}\" y=\"{ChartHeight - 6}\">{s.Second.UtcDateTime:HH:mm:ss}</text>");
            }
        }

        foreach (var (time, label) in new[] { (report.KilledAt, "kill"), (report.NewPrimaryAt, "new primary") })
        {
            if (time is { } t)
            {
                var x = Left + ((t - start).TotalSeconds * barWidth);
                svg.Append(Inv, $"<line x1=\"{x:0.##}\" x2=\"{x:0.##}\" y1=\"8\" y2=\"{8 + plotHeight}\" stroke=\"{TimelineChart.MarkerColour}\" stroke-dasharray=\"4 3\"/>")
                    .Append(Inv, $"<text class=\"marker-label\" x=\"{x + 3:0.##}\" y=\"18\">{E(label)}</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }
}
