namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// Where a run's time went: the waits its scenarios prescribe (baselines, settle periods, holds, intervals, load
/// stages), everything else inside the scenarios, and the time outside any scenario (cluster start and teardown,
/// pre- and post-validation, reports). Everything but the mandated waits is overhead a faster suite could cut.
/// </summary>
/// <param name="MandatedWaits">The sum of the scenarios' mandated waits.</param>
/// <param name="BeyondMandatedWaits">The sum of the finished scenarios' durations beyond their mandated waits.</param>
/// <param name="OutsideScenarios">The run's duration minus its finished scenarios' durations; null while the run is unfinished.</param>
public sealed record SuiteTime(TimeSpan MandatedWaits, TimeSpan BeyondMandatedWaits, TimeSpan? OutsideScenarios)
{
    /// <summary>Computes it from a suite's scenarios.</summary>
    public static SuiteTime Of(SuiteReport suite, IReadOnlyList<ScenarioResult> scenarios)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(scenarios);
        var inside = scenarios.Aggregate(TimeSpan.Zero, (sum, s) => sum + (s.Duration ?? TimeSpan.Zero));
        var mandated = scenarios.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.MandatedWaits);
        var beyond = scenarios.Aggregate(TimeSpan.Zero, (sum, s) => sum + (s.BeyondMandatedWaits ?? TimeSpan.Zero));
        var outside = suite.Duration is { } d ? (d > inside ? d - inside : TimeSpan.Zero) : (TimeSpan?)null;
        return new SuiteTime(mandated, beyond, outside);
    }
}
