using System.Globalization;
using System.Text;
using static ZeroDowntime.Fixtures.Reporting.ReportFormat;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// The console progress view, in the reference suite's shape: a header, <c>[3/7] Node Drain</c> when a
/// scenario starts, then its markers, measurements, one ✓/✗ line per check and <c>Status: PASS</c>,
/// and finally the <c>=== Test Summary ===</c> block. Each method returns text ending in a newline
/// (LF); <see cref="RunReporter"/> writes it to stdout and to <see cref="FileName"/>.
/// </summary>
public static class ConsoleReport
{
    /// <summary>The copy of the console view in the results folder.</summary>
    public const string FileName = "console.log";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The run header: title, run id, cluster, profile, results folder and repairs done at start.</summary>
    public static string Header(SuiteReport suite, string resultsDirectory)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var text = new StringBuilder();
        Line(text, "=== ZeroDowntime Test Suite ===");
        Line(text, $"Run: {suite.RunId}");
        Line(text, $"Cluster: {suite.Cluster ?? NotAvailable}");
        Line(text, $"Profile: {suite.Profile ?? NotAvailable}");
        Line(text, $"Results directory: {resultsDirectory}");
        foreach (var repair in suite.Repairs)
        {
            Line(text, $"Repaired: {repair}");
        }

        foreach (var problem in suite.PreValidationProblems)
        {
            Line(text, $"Pre-validation problem: {problem}");
        }

        return text.ToString();
    }

    /// <summary>The heading printed when a scenario starts: a blank line and <c>[3/7] Node Drain</c>.</summary>
    public static string ScenarioStart(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Create(Inv, $"\n[{result.Index}/{result.Total}] {ReportText.OneLine(result.DisplayName)}\n");
    }

    /// <summary>What a scenario produced, printed when it ends (indented under its heading).</summary>
    public static string ScenarioEnd(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        foreach (var marker in result.Timeline.Markers)
        {
            Line(text, $"  {Time(marker.Time)} {marker.Label}");
        }

        foreach (var detail in result.Details.All)
        {
            Line(text, detail.IsList ? $"  {detail.Label}:" : $"  {detail.Label}: {detail.Values[0]}");
            foreach (var item in detail.IsList ? detail.Values : [])
            {
                Line(text, $"    {item}");
            }
        }

        var m = result.Metrics;
        if (m.TotalRequests is { } total)
        {
            Line(text, string.Create(Inv, $"  Success rate: {Percent(m.SuccessRatePercent)} ({m.SuccessfulRequests ?? 0}/{total})"));
            var generator = m.LoadGenerator is null ? string.Empty : $"{m.LoadGenerator} load, ";
            Line(text, $"  Latency: {generator}p50 {Milliseconds(m.LatencyP50)}, p95 {Milliseconds(m.LatencyP95)}, p99 {Milliseconds(m.LatencyP99)}");
        }

        if (m.TotalDowntime is { } downtime)
        {
            var windows = m.DowntimeWindows.Count == 0 ? string.Empty : " (" + WindowText.List(m.DowntimeWindows.ToList(), Window) + ")";
            Line(text, string.Create(Inv, $"  Downtime: {Duration(downtime)} in {m.DowntimeWindows.Count} window{(m.DowntimeWindows.Count == 1 ? string.Empty : "s")}{windows}"));
        }

        if (WindowText.AnyPartial(m.DegradedWindows))
        {
            Line(text, "  Degraded: " + WindowText.List(m.DegradedWindows.ToList(), WindowText.Degraded));
        }

        foreach (var line in AutoscalingLines(result))
        {
            Line(text, line);
        }

        if (m.TerminationTime is { } termination)
        {
            Line(text, $"  Pod terminated in {Duration(termination)}");
        }

        foreach (var (role, recovery) in m.Recoveries.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (recovery.DegradedAt is null)
            {
                continue; // a role the disruption never touched is noise here; summary.json still has it
            }

            Line(text, recovery.Duration is { } took
                ? $"  New {role} pod ready in {Duration(took)}"
                : string.Create(Inv, $"  {role} pods not back to {recovery.ExpectedReady} Ready"));
        }

        foreach (var line in ConnectionTables.Lines(result))
        {
            Line(text, line);
        }

        if (result.Datastore is { } datastore)
        {
            foreach (var (name, value) in DatastoreReportText.Lines(datastore))
            {
                Line(text, $"  {name}: {value}");
            }
        }

        foreach (var check in result.Checks)
        {
            Line(text, CheckLine(check));
        }

        if (result.Duration is { } scenarioTime && result.MandatedWaits > TimeSpan.Zero)
        {
            Line(text, $"  Time: {Duration(scenarioTime)}, of which mandated waits {Duration(result.MandatedWaits)}, the rest {Duration(result.BeyondMandatedWaits)}");
        }

        Line(text, $"  Status: {result.Status.ToString().ToUpperInvariant()}");
        var label = result.Status == ScenarioStatus.Skipped ? "Reason" : "Failure";
        foreach (var line in result.Failures.SelectMany(f => f.Split('\n')).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0))
        {
            Line(text, $"  {label}: {line}");
        }

        return text.ToString();
    }

    private static IEnumerable<string> AutoscalingLines(ScenarioResult result)
    {
        if (result.Autoscaling is not { } a)
        {
            yield break;
        }

        yield return $"  Load: {Load.LoadStages.Format(a.Stages)}, last held";
        if (a.ScaledUpAt is { } up && a.TopStageAt is { } step)
        {
            yield return $"  Scaled up to {a.ExpectedReplicas} Ready {Duration(up - step)} after the step to the top stage";
        }

        if (a.ScaledDownAt is { } down && a.LoadStoppedAt is { } stopped)
        {
            yield return $"  Back to {a.MinReplicas} {Duration(down - stopped)} after the load stopped";
        }

        foreach (var decision in a.Events.Where(e => e.NewSize is not null))
        {
            yield return $"  HPA {Time(decision.Time)} {decision.Message}";
        }
    }

    /// <summary>The final block: tests run, passed, failed, overall availability, total duration.</summary>
    public static string Summary(SuiteReport suite, string? reportPath = null)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var scenarios = suite.Scenarios;
        var text = new StringBuilder();
        Line(text, string.Empty);
        foreach (var problem in suite.PostValidationProblems)
        {
            Line(text, $"Post-validation problem: {problem}");
        }

        Line(text, "=== Test Summary ===");
        Line(text, string.Create(Inv, $"Tests Run: {scenarios.Count(s => s.Status != ScenarioStatus.Skipped)}"));
        Line(text, string.Create(Inv, $"Passed: {scenarios.Count(s => s.Status == ScenarioStatus.Pass)}"));
        Line(text, string.Create(Inv, $"Failed: {scenarios.Count(s => s.Status is ScenarioStatus.Fail or ScenarioStatus.Error)}"));
        var skipped = scenarios.Count(s => s.Status == ScenarioStatus.Skipped);
        if (skipped > 0)
        {
            Line(text, string.Create(Inv, $"Skipped: {skipped}"));
        }

        Line(text, $"Overall Availability: {Percent(suite.OverallAvailabilityPercent)}");
        if (suite.LocalRedis is not null)
        {
            Line(text, $"Redis pods: {suite.LocalRedis}");
        }

        if (suite.Api is { } api && (api.Retries > 0 || api.FaultProfile is not null))
        {
            Line(text, api.Line);
        }

        Line(text, $"Total Test Duration: {Duration(suite.Duration)}");
        var time = SuiteTime.Of(suite, scenarios);
        if (time.MandatedWaits > TimeSpan.Zero)
        {
            Line(text, $"  mandated waits {Duration(time.MandatedWaits)}, the rest of the scenarios {Duration(time.BeyondMandatedWaits)}, outside scenarios {Duration(time.OutsideScenarios)}");
        }
        if (reportPath is not null)
        {
            Line(text, $"Report: {reportPath}");
        }

        return text.ToString();
    }

    /// <summary>One check: <c>  ✓ description: actual</c>, or <c>  ✗ description: actual (expected …)</c>.</summary>
    public static string CheckLine(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var actual = check.Actual is null ? string.Empty : $": {check.Actual}";
        var expected = !check.Passed && check.Expected is not null ? $" (expected {check.Expected})" : string.Empty;
        return $"  {(check.Passed ? "✓" : "✗")} {check.Description}{actual}{expected}";
    }

    private static void Line(StringBuilder text, string line) => text.Append(ReportText.OneLine(line)).Append('\n');
}
