using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Reporting.ReportFormat;

namespace ZeroDowntime.Fixtures.Assertions;

/// <summary>
/// FluentAssertions-style checks of a <see cref="ScenarioResult"/>. Every failure message states the
/// threshold, the measured value and the evidence (downtime windows, instants, Ready counts), e.g.
/// <c>Expected success rate above 95% during the disruption, but it was 91.2% (274 of 300); downtime 12:00:01.20–12:00:04.85.</c>
/// Times are UTC <c>HH:mm:ss.ff</c>; see <see cref="ReportFormat"/>.
/// </summary>
public sealed partial class ScenarioResultAssertions : ReferenceTypeAssertions<ScenarioResult, ScenarioResultAssertions>
{
    private const int MaxWindowsListed = 5;

    /// <summary>Wraps <paramref name="subject"/>.</summary>
    public ScenarioResultAssertions(ScenarioResult subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "scenario result";

    /// <summary>
    /// Asserts that the load's success rate (the scenario's <c>success_rate</c> metric) is strictly above
    /// <paramref name="percent"/>. Records check <c>success_rate</c>.
    /// </summary>
    /// <param name="percent">Threshold in percent (95 means 95%).</param>
    /// <param name="phase">Words naming the phase for the message (<c>during the disruption</c>, <c>during the drain</c>).</param>
    /// <param name="because">Reason phrase, FluentAssertions style.</param>
    /// <param name="becauseArgs">Arguments of <paramref name="because"/>.</param>
    public AndConstraint<ScenarioResultAssertions> HaveSuccessRateAbove(double percent, string phase = "during the disruption", string because = "", params object[] becauseArgs)
    {
        var metrics = Subject.Metrics;
        var rate = metrics is { TotalRequests: { } total, SuccessfulRequests: { } ok } ? new SuccessRate((int)total, (int)ok) : new SuccessRate(0, 0);
        return SuccessRateCheck("success_rate", percent, phase, rate, metrics.DowntimeWindows.ToList(), DateTimeOffset.MaxValue, because, becauseArgs);
    }

    /// <summary>
    /// Asserts that the success rate of the attempts that started in [<paramref name="from"/>, <paramref name="to"/>)
    /// (the load's, or the probe's without load) is strictly above <paramref name="percent"/>, e.g.
    /// "after recovery". Records check <c>success_rate_&lt;phase words&gt;</c>.
    /// </summary>
    public AndConstraint<ScenarioResultAssertions> HaveSuccessRateAbove(double percent, string phase, DateTimeOffset from, DateTimeOffset? to, string because = "", params object[] becauseArgs)
    {
        var end = to ?? DateTimeOffset.MaxValue;
        var rate = SuccessRates.Over(Subject.Timeline.AvailabilityAttempts, from, end);
        var windows = Subject.Metrics.DowntimeWindows.Where(w => w.End > from && w.Start < end).ToList();
        return SuccessRateCheck("success_rate_" + ScenarioNames.ToKey(phase), percent, phase, rate, windows, end, because, becauseArgs);
    }

    /// <summary>
    /// Asserts that the probe's total downtime (sum of the windows) is strictly below <paramref name="limit"/>.
    /// Records check <c>total_downtime</c>.
    /// </summary>
    public AndConstraint<ScenarioResultAssertions> HaveTotalDowntimeBelow(TimeSpan limit, string because = "", params object[] becauseArgs)
    {
        var description = $"Total downtime below {Duration(limit)}";
        var expectation = $"Expected total downtime below {Duration(limit)}";
        if (Subject.Metrics.TotalDowntime is not { } total)
        {
            return Verdict(CheckResult.Fail("total_downtime", description, $"< {Duration(limit)}", NotAvailable),
                expectation, "downtime was not measured (no probe or load attempts)", because, becauseArgs);
        }

        var windows = Subject.Metrics.DowntimeWindows;
        var actual = $"{Duration(total)} in {Count(windows.Count, "window")}";
        var check = new CheckResult("total_downtime", description, total < limit, $"< {Duration(limit)}", actual);
        var evidence = windows.Count == 0 ? string.Empty : ": " + WindowList(windows, withDurations: true);
        return Verdict(check, expectation, $"it was {actual}{evidence}", because, becauseArgs);
    }

    /// <summary>
    /// Asserts that the longest outage after the first disruption (a downtime window clipped to start
    /// at the disruption) is strictly shorter than <paramref name="limit"/>. Records check <c>outage</c>.
    /// </summary>
    public AndConstraint<ScenarioResultAssertions> HaveOutageBelow(TimeSpan limit, string because = "", params object[] becauseArgs)
    {
        var description = $"Longest outage after the disruption below {Duration(limit)}";
        var expectation = $"Expected the longest outage after the disruption below {Duration(limit)}";
        var expected = $"< {Duration(limit)}";
        if (Subject.Timeline.FirstDisruption is not { } disruptedAt)
        {
            return Verdict(CheckResult.Fail("outage", description, expected, NotAvailable), expectation, "no disruption was recorded", because, becauseArgs);
        }

        if (Subject.Metrics.TotalDowntime is null)
        {
            return Verdict(CheckResult.Fail("outage", description, expected, NotAvailable),
                expectation, "downtime was not measured (no probe or load attempts)", because, becauseArgs);
        }

        if (Downtime.LongestAfter(Subject.Metrics.DowntimeWindows, disruptedAt) is not { } worst)
        {
            return Verdict(CheckResult.Pass("outage", description, expected, "none"), expectation, "there was none", because, becauseArgs);
        }

        var actual = $"{Duration(worst.Duration)} ({Window(worst)})";
        var still = worst.IsOpen ? "; still down when monitoring ended" : string.Empty;
        return Verdict(new CheckResult("outage", description, worst.Duration < limit, expected, actual), expectation, $"it was {actual}{still}", because, becauseArgs);
    }

    private AndConstraint<ScenarioResultAssertions> SuccessRateCheck(
        string key, double percent, string phase, SuccessRate rate, IReadOnlyCollection<DowntimeWindow> windows, DateTimeOffset judgedUntil, string because, object[] becauseArgs)
    {
        var description = $"Success rate above {Threshold(percent)} {phase}";
        var expectation = $"Expected success rate above {Threshold(percent)} {phase}";
        var expected = $"> {Threshold(percent)}";
        if (Subject.Timeline.LoadGeneratorStopped is { } stop && stop.At < judgedUntil)
        {
            // A rate over a load that stopped half-way would be a misleading figure: the verdict says what happened instead.
            return Verdict(CheckResult.Fail(key, description, expected, $"n/a (the load generator stopped at {Time(stop.At)})"), expectation, stop.ToString(), because, becauseArgs);
        }

        if (rate.Attempts == 0)
        {
            return Verdict(CheckResult.Fail(key, description, expected, "n/a (no requests)"), expectation, "no requests were recorded", because, becauseArgs);
        }

        var actual = $"{Percent(rate.Ratio * 100)} ({rate.Successes} of {rate.Attempts})";
        var downtime = windows.Count == 0 ? "no downtime window" : "downtime " + WindowList(windows, withDurations: false);

        // Compare the exact ratio, not the rounded text: 94.96% is not above 95%.
        var check = new CheckResult(key, description, rate.Ratio * 100 > percent, expected, actual);
        return Verdict(check, expectation, $"it was {actual}; {downtime}", because, becauseArgs);
    }

    private AndConstraint<ScenarioResultAssertions> Verdict(CheckResult check, string expectation, string finding, string because, object[] becauseArgs)
    {
        Subject.Record(check);
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(check.Passed)
            .FailWith(NoPlaceholders(expectation) + "{reason}, but " + NoPlaceholders(finding) + ".");
        return new AndConstraint<ScenarioResultAssertions>(this);
    }

    private static string WindowList(IEnumerable<DowntimeWindow> windows, bool withDurations)
    {
        var list = windows.ToList();
        var shown = list.Take(MaxWindowsListed).Select(w => withDurations ? $"{Window(w)} ({Duration(w.Duration)})" : Window(w));
        var more = list.Count > MaxWindowsListed ? $" and {list.Count - MaxWindowsListed} more" : string.Empty;
        return string.Join(", ", shown) + more;
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";

    // FluentAssertions treats {…} as placeholders; cluster names never need braces, so they are replaced.
    private static string NoPlaceholders(string text) => text.Replace('{', '(').Replace('}', ')');
}
