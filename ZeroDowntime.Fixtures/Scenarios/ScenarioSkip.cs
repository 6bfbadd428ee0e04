using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>Reports a scenario that does not apply to this cluster as skipped, in the reports and in the test explorer.</summary>
public static class ScenarioSkip
{
    /// <summary>
    /// Adds <paramref name="scenario"/> to the run's report as skipped with <paramref name="reason"/>, then throws
    /// <see cref="ScenarioSkippedException"/> so the step and every later one are reported skipped with it.
    /// </summary>
    /// <example><code>
    /// if (!await ProcessKillHook.IsAvailableAsync(cluster.Client))
    ///     await ScenarioSkip.ThrowAsync(cluster, "RandomPodKill", "skipped: this cluster has no process-kill hook ...");
    /// </code></example>
    public static async Task ThrowAsync(IScenarioHost host, string scenario, string reason)
    {
        ArgumentNullException.ThrowIfNull(host);
        var result = host.Report.BeginScenario(scenario);
        host.ScenarioStarted(result);
        result.Skip(reason);
        result.Finish(MeasurementClock.UtcNow);
        await host.ScenarioFinishedAsync(result).ConfigureAwait(false);
        throw new ScenarioSkippedException(reason);
    }
}
