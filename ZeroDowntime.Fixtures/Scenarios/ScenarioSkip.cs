using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>A scenario that cannot run on this target (not a failure): reported skipped, with its reason, everywhere.</summary>
public static class ScenarioSkip
{
    /// <summary>
    /// Records <paramref name="scenario"/> as skipped with <paramref name="reason"/> in the run's report (console view,
    /// summary.json, report.html), then throws <see cref="ScenarioSkipException"/>, so the step and the later steps are
    /// reported skipped with the same reason. Call it before the scenario started its measurement.
    /// </summary>
    /// <exception cref="ScenarioSkipException">Always.</exception>
    public static async Task ThrowAsync(IScenarioHost host, string scenario, string reason)
    {
        ArgumentNullException.ThrowIfNull(host);
        var result = host.Report.BeginScenario(scenario);
        host.ScenarioStarted(result);
        result.Skip(reason);
        result.Finish(MeasurementClock.UtcNow);
        await host.ScenarioFinishedAsync(result).ConfigureAwait(false);
        throw new ScenarioSkipException(reason);
    }
}
