using System.Text;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>The scenario's own facts (chaos seed and picked pods, partition window and proof).</summary>
public static partial class HtmlReport
{
    private static void AppendDetails(StringBuilder html, ScenarioResult s)
    {
        var details = s.Details.All;
        if (details.Count == 0)
        {
            return;
        }

        html.Append("<table class=\"details\">\n<tbody>\n");
        foreach (var detail in details)
        {
            html.Append("<tr><th>").Append(E(detail.Label)).Append("</th><td>");
            if (detail.IsList)
            {
                html.Append("<ul>");
                foreach (var item in detail.Values)
                {
                    html.Append("<li>").Append(E(item)).Append("</li>");
                }

                html.Append("</ul>");
            }
            else
            {
                html.Append(E(detail.Values[0]));
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }
}
