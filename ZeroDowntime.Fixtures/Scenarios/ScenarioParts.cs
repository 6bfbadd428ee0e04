using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Load;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>
/// The default parts behind <see cref="IScenarioHost"/>: the event recorder, the load generator
/// choice and the report writers. One file to change as those parts evolve.
/// </summary>
internal static class ScenarioParts
{
    public static IClusterTimeline CreateTimeline(IScenarioHost host) =>
        new RecorderTimeline(host.Client, host.Namespace, host.Settings.Target);

    public static ILoadGenerator CreateLoad(ClusterSession session, IScenarioHost host, TimeSpan duration, Action<string> log) =>
        LoadGeneratorFactory.Create(host.Settings, session, new LoadGeneratorRequest
        {
            Request = host.Request,
            RunId = host.RunId,
            Duration = duration,
            Log = log,
        });

    public static ILoadGenerator CreateRampingLoad(ClusterSession session, IScenarioHost host, IReadOnlyList<LoadStage> stages, int concurrency, TimeSpan duration, Action<string> log) =>
        LoadGeneratorFactory.Create(host.Settings, session, new LoadGeneratorRequest
        {
            Request = host.Request,
            RunId = host.RunId,
            Duration = duration,
            Stages = stages,
            Concurrency = concurrency,
            Log = log,
        });

}
