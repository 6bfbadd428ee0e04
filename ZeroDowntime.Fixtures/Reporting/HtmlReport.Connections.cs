using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>A rolling upgrade's connection chart and its per-pod counts.</summary>
public static partial class HtmlReport
{
    private static void AppendConnections(StringBuilder html, ScenarioResult s)
    {
        if (TimelineChart.RenderConnections(s) is not { } chart || s.Connections is not { } report)
        {
            return;
        }

        var a = report.Analysis;
        var caption = a is null ? "" : string.Create(Inv,
            $"{a.Lost.Count} lost ({a.OpenOnOldPods} open on old pods), {a.Lasting.Count} lasting, {a.FailedConnects.Count} failed connects; scheduler {report.Scheduler}");
        var items = new (string Colour, string Text, string Style)[]
        {
            (TimelineChart.OldPodColour, "open connections on an old pod", "line"),
            (TimelineChart.NewPodColour, "open connections on a new pod", "line"),
            (TimelineChart.LostColour, "lost connection", "line"),
            (TimelineChart.StepColour, "rollout step (Deployment status)", "dashed"),
            (TimelineChart.MarkerColour, "image change, old pods gone", "dashed"),
        };
        html.Append("<figure>\n<figcaption class=\"legend\">")
            .Append(string.Concat(items.Select(i => $"<span class=\"key {i.Style}\" style=\"--c:{i.Colour}\"></span>{E(i.Text)}")))
            .Append("</figcaption>\n")
            .Append(chart.ToString(SaveOptions.DisableFormatting))
            .Append("\n<figcaption>").Append(E(caption)).Append("</figcaption>\n</figure>\n");
    }
}
