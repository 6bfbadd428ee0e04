using ZeroDowntime.Fixtures.Datastore;
using static ZeroDowntime.Fixtures.Reporting.ReportFormat;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>A <see cref="DatastoreReport"/> as labelled lines, the same in the console view and report.html.</summary>
public static class DatastoreReportText
{
    /// <summary>The lines, in reading order; a line for a number that was not measured says <c>n/a</c> or what is missing.</summary>
    public static IReadOnlyList<(string Label, string Value)> Lines(DatastoreReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<(string, string)>
        {
            ("Primary", report.OldPrimary is null ? NotAvailable
                : $"{report.OldPrimary} killed at {(report.KilledAt is { } k ? Time(k) : NotAvailable)}{(report.Kill is null ? "" : $" ({report.Kill})")}"),
            ("New primary", report.NewPrimary is null ? "none seen"
                : $"{report.NewPrimary} at {(report.NewPrimaryAt is { } n ? Time(n) : NotAvailable)}, {Duration(report.FailoverTime)} after the kill"),
            ("Replicas reattached", report.ReplicasReattachedAt is { } r ? $"at {Time(r)}, {Duration(report.ReattachTime)} after the kill" : "not seen"),
            ("RTO", Rto(report.Rto)),
            ($"Writes (acknowledged {(report.Acknowledge == "replica" ? "by a replica, WAIT 1" : "by the primary alone")})", report.Ledger?.ToString() ?? NotAvailable),
        };
        if (report.UnacknowledgedSpans.Count > 0)
        {
            lines.Add(("Unacknowledged", string.Join(", ", report.UnacknowledgedSpans.Take(3).Select(s => $"{Time(s.Start)}–{Time(s.End)} ({s.Writes} writes)"))
                + (report.UnacknowledgedSpans.Count > 3 ? $" and {report.UnacknowledgedSpans.Count - 3} more" : "")));
        }

        if (report.Ledger is { Lost: > 0 } lost)
        {
            lines.Add(("Lost", LedgerChecker.Describe(lost.LostEntries, lost.Lost)));
        }

        if (report.Ledger is { Unexpected: > 0 } unexpected)
        {
            lines.Add(("Unexpected", LedgerChecker.Describe(unexpected.UnexpectedEntries, unexpected.Unexpected)));
        }

        if (report.LedgerFile is { } file)
        {
            lines.Add(("Ledger", file));
        }

        return lines;
    }

    /// <summary>
    /// The RTO as <c>3.6 s (last acknowledged by the killed primary #123 at 12:00:00.98, first by the new primary #301 at 12:00:04.58)</c>.
    /// </summary>
    public static string Rto(WriteGap? gap) => gap switch
    {
        null => NotAvailable,
        { LastBefore: null } => "n/a: no write was acknowledged before the kill",
        { FirstAfter: null } => $"n/a: no other primary acknowledged a write after the killed one's last (#{gap.LastBefore.Sequence} at {Time(gap.LastBefore.AcknowledgedAt!.Value)})",
        _ => $"{Duration(gap.Gap)} (last acknowledged by the killed primary #{gap.LastBefore.Sequence} at {Time(gap.LastBefore.AcknowledgedAt!.Value)}, " +
             $"first by the new primary #{gap.FirstAfter.Sequence} at {Time(gap.FirstAfter.AcknowledgedAt!.Value)})",
    };
}
