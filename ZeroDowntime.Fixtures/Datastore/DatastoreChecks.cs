using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Reporting.ReportFormat;

namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>
/// DatastoreFailover's verdicts: each returns the check for the reports and the sentence a failed step throws
/// (<see cref="Scenarios.ScenarioCheck.Require"/>). The sentences are part of the spec and tested word for word.
/// </summary>
public static class DatastoreChecks
{
    /// <summary>The Sentinels named another primary, and in time.</summary>
    public static (CheckResult Check, string Failure) NewPrimary(DatastoreReport report, TimeSpan within, string? lastAnswer)
    {
        ArgumentNullException.ThrowIfNull(report);
        var took = report.FailoverTime;
        var passed = report.NewPrimary is not null && took <= within;
        var actual = report.NewPrimary is null
            ? $"none within {Duration(within)}: the Sentinels last said {lastAnswer ?? "nothing"}"
            : $"{report.NewPrimary} {Duration(took)} after the kill";
        return (new CheckResult("new_primary", $"A new primary elected within {Duration(within)}", passed, $"≠ {report.OldPrimary}, ≤ {Duration(within)}", actual),
            $"Expected the Sentinels to name a new primary within {Duration(within)} of killing {report.OldPrimary}, but {(report.NewPrimary is null ? "there was " : "it was ")}{actual}.");
    }

    /// <summary>The new primary has every replica online again, the killed pod's replacement among them, in time.</summary>
    public static (CheckResult Check, string Failure) ReplicasReattached(DatastoreReport report, int replicas, string replacement, TimeSpan within, string lastSeen)
    {
        ArgumentNullException.ThrowIfNull(report);
        var took = report.ReattachTime;
        var passed = took is { } t && t <= within;
        var actual = took is null ? $"not within {Duration(within)}; last seen: {lastSeen}" : $"{replicas} online, {replacement} among them, {Duration(took)} after the kill";
        return (new CheckResult("replicas_reattached", $"Replicas reattached within {Duration(within)}", passed, $"{replicas} online, ≤ {Duration(within)}", actual),
            $"Expected {replicas} replicas online on the new primary, the replacement {replacement} among them, within {Duration(within)} of the kill, but it was {actual}.");
    }

    /// <summary>RTO: the gap between the last acknowledged write before the kill and the first after it, below the limit.</summary>
    public static (CheckResult Check, string Failure) Rto(WriteGap gap, TimeSpan below)
    {
        ArgumentNullException.ThrowIfNull(gap);
        var passed = gap.Gap is { } g && g < below;
        var actual = DatastoreReportText.Rto(gap);
        return (new CheckResult("rto", $"RTO below {Duration(below)}", passed, $"< {Duration(below)}", actual),
            $"Expected the gap between the last write the killed primary acknowledged and the first a new primary acknowledged below {Duration(below)}, but it was {actual}.");
    }

    /// <summary>Jepsen's verdict: no acknowledged write lost, no unexpected entry.</summary>
    public static (CheckResult Check, string Failure) Ledger(LedgerCheck check, string? ledgerFile)
    {
        ArgumentNullException.ThrowIfNull(check);
        var problems = new List<string>();
        if (check.Lost > 0)
        {
            problems.Add($"{check.Lost} of {check.Acknowledged} acknowledged writes were lost ({LedgerChecker.Describe(check.LostEntries, check.Lost)})");
        }

        if (check.Unexpected > 0)
        {
            problems.Add($"{check.Unexpected} entries that no write had made were read ({LedgerChecker.Describe(check.UnexpectedEntries, check.Unexpected)})");
        }

        var evidence = ledgerFile is null ? "" : $"; every write is in {ledgerFile}";
        return (new CheckResult("ledger", "No acknowledged write lost, nothing unexpected (Jepsen's set checker)", check.Valid, "lost = 0, unexpected = 0", check.ToString()),
            $"Expected no acknowledged write lost and nothing unexpected in the final read, but {string.Join(" and ", problems)}{evidence}.");
    }
}
