using System.Globalization;
using System.Text;
using static ZeroDowntime.Fixtures.Reporting.ReportFormat;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>The metrics table and the page's style sheet.</summary>
public static partial class HtmlReport
{
    private const string Css = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; margin: 24px 32px; max-width: 1180px; }
        h1 { font-size: 24px; margin: 0 0 8px; }
        h2 { font-size: 19px; margin: 0 0 10px; }
        h3 { font-size: 14px; margin: 10px 0 4px; }
        dl.run { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 12px; }
        dt { color: #666; } dd { margin: 0; }
        table { border-collapse: collapse; margin: 8px 0 14px; }
        th, td { border-bottom: 1px solid #e3e3e3; padding: 4px 10px; text-align: left; vertical-align: top; }
        th { background: #f6f6f6; font-weight: 600; }
        table.summary td:nth-child(n+4) { font-variant-numeric: tabular-nums; }
        table.metrics td:nth-child(even) { font-variant-numeric: tabular-nums; }
        table.metrics td:nth-child(odd) { color: #666; white-space: nowrap; }
        svg .empty-note { font-size: 13px; fill: #999; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 700; color: #fff; vertical-align: middle; }
        .badge.pass { background: #2e7d32; } .badge.fail { background: #c62828; } .badge.error { background: #8e24aa; } .badge.skipped { background: #757575; }
        tr.fail td { background: #fdecea; } td.mark { font-weight: 700; } tr.pass td.mark { color: #2e7d32; } tr.fail td.mark { color: #c62828; }
        section.scenario { border-top: 2px solid #ddd; padding-top: 16px; margin-top: 22px; }
        pre.failure { background: #fdecea; border-left: 4px solid #c62828; padding: 8px 12px; white-space: pre-wrap; font-size: 13px; }
        .problems li { color: #c62828; } .repairs li { color: #8a6d00; }
        figure { margin: 6px 0; } svg.timeline { max-width: 100%; height: auto; border: 1px solid #eee; }
        svg .tick { font-size: 11px; fill: #555; } svg .lane-title { font-size: 12px; fill: #333; font-weight: 600; }
        svg .marker-label { font-size: 11px; fill: #6a3d9a; } svg .count { font-size: 10px; fill: #333; }
        .legend { font-size: 12px; color: #444; margin-bottom: 4px; }
        .legend .key { display: inline-block; width: 22px; height: 0; border-top: 2px solid var(--c); margin: 0 6px 3px 14px; vertical-align: middle; }
        .legend .key:first-child { margin-left: 0; }
        .legend .key.dotted { border-top-style: dotted; } .legend .key.dashed { border-top-style: dashed; }
        .legend .key.area { height: 10px; border: none; background: var(--c); opacity: .3; }
        table.details ul { margin: 0; padding-left: 18px; } table.details th { white-space: nowrap; }
        .note, .files, footer { color: #666; font-size: 13px; } footer { margin-top: 28px; }

        """;

    private static void AppendMetrics(StringBuilder html, ScenarioResult s)
    {
        var m = s.Metrics;
        var rows = new List<(string Name, string Value)>
        {
            ("Requests", m.TotalRequests is { } t ? string.Create(CultureInfo.InvariantCulture, $"{m.SuccessfulRequests ?? 0} of {t} succeeded") : NotAvailable),
            ("Success rate", Percent(m.SuccessRatePercent)),
            ("Latency p50 / p95 / p99", $"{Milliseconds(m.LatencyP50)} / {Milliseconds(m.LatencyP95)} / {Milliseconds(m.LatencyP99)}"),
            ("Load generator", m.LoadGenerator ?? NotAvailable),
            ("Dropped iterations", m.DroppedIterations?.ToString(CultureInfo.InvariantCulture) ?? NotAvailable),
            ("Total downtime", m.TotalDowntime is { } total ? $"{Duration(total)} in {m.DowntimeWindows.Count} window(s)" : NotAvailable),
            ("Downtime windows", m.DowntimeWindows.Count == 0 ? "none" : WindowText.List(m.DowntimeWindows.ToList(), w => $"{Window(w)} ({Duration(w.Duration)})")),
            ("Degraded windows", m.DegradedWindows.Count == 0 ? "none" : WindowText.List(m.DegradedWindows.ToList(), WindowText.Degraded)),
            ("Downtime by request start", m.TotalDowntimeByStart is { } byStart ? $"{Duration(byStart)} in {m.DowntimeWindowsByStart.Count} window(s)" : NotAvailable),
            ("Termination time", Duration(m.TerminationTime)),
            ("Duration", Duration(s.Duration)),
            ("Started", Time(s.StartedAt)),
        };
        foreach (var (role, recovery) in m.Recoveries.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            rows.Add(($"Recovery ({role})", recovery.Duration is { } d
                ? Duration(d) + (recovery.DegradedAt is null ? string.Create(CultureInfo.InvariantCulture, $" (never below {recovery.ExpectedReady})") : string.Empty)
                : "not recovered"));
        }

        foreach (var (role, min) in m.MinReady.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            rows.Add(($"Minimum Ready ({role})", min.ToString(CultureInfo.InvariantCulture)));
        }

        html.Append("<table class=\"metrics\">\n<tbody>\n");
        for (var i = 0; i < rows.Count; i += 2)
        {
            html.Append("<tr>").Append(Cell(rows[i].Name)).Append(Cell(rows[i].Value));
            if (i + 1 < rows.Count)
            {
                html.Append(Cell(rows[i + 1].Name)).Append(Cell(rows[i + 1].Value));
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }
}
