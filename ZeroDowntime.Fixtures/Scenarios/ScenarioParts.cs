using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>
/// The default parts behind <see cref="IScenarioHost"/>: the event recorder, the load generator
/// choice and the report writers. One file to change as those parts evolve.
/// </summary>
internal static class ScenarioParts
{
    public static IClusterTimeline CreateTimeline(IScenarioHost host) =>
        throw new NotSupportedException("The pod event recorder is not available yet.");

    public static ILoadGenerator CreateLoad(IScenarioHost host, LoadOptions options) =>
        host.Settings.LoadGenerator == LoadGeneratorChoice.K6 || (host.Settings.LoadGenerator == LoadGeneratorChoice.Auto && host.Settings.Cluster != ClusterMode.Local)
            ? throw new NotSupportedException("The k6 Job load generator is not available yet.")
            : new BuiltInLoadGenerator(options);

    public static Task WriteReportsAsync(SuiteReport report, string directory, Action<string> log)
    {
        log($"Run {report.RunId}: {report.Scenarios.Count} scenario(s), results in {directory}");
        return Task.CompletedTask;
    }
}
