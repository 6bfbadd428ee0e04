using k8s;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Probes;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Kubernetes.Safety;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>What a <see cref="DisruptionRun"/> needs from the cluster fixture (a seam for tests).</summary>
public interface IScenarioHost
{
    /// <summary>The run's settings.</summary>
    ZeroDowntimeSettings Settings { get; }

    /// <summary>The official client, guarded: every request passes the disruption gate.</summary>
    IKubernetes Client { get; }

    /// <summary>The target namespace.</summary>
    string Namespace { get; }

    /// <summary>The disruption gate of this cluster.</summary>
    DisruptionGate Gate { get; }

    /// <summary>This run's id.</summary>
    string RunId { get; }

    /// <summary>The inference request aimed at the target's load balancer.</summary>
    InferenceRequest Request { get; }

    /// <summary>Folder for this run's reports and raw timelines.</summary>
    string ResultsDirectory { get; }

    /// <summary>A new pod/node event timeline for the target's roles.</summary>
    IClusterTimeline CreateTimeline();

    /// <summary>A new load generator (k6 Job or built-in, per <c>ZD_LOAD</c>) running at most <paramref name="duration"/>.</summary>
    ILoadGenerator CreateLoad(TimeSpan duration, Action<string> log);

    /// <summary>
    /// A load generator that ramps through <paramref name="stages"/> (k6's <c>ramping-arrival-rate</c>, or the
    /// built-in generator's equivalent) with at most <paramref name="concurrency"/> attempts in flight; the last
    /// stage's rate holds until it is stopped or <paramref name="duration"/> ends.
    /// </summary>
    ILoadGenerator CreateRampingLoad(IReadOnlyList<LoadStage> stages, int concurrency, TimeSpan duration, Action<string> log);

    /// <summary>The run's report: each scenario adds its result.</summary>
    SuiteReport Report { get; }

    /// <summary>Prints the scenario's heading on the console view.</summary>
    void ScenarioStarted(ScenarioResult result);

    /// <summary>Prints the scenario's outcome, writes its raw timelines and rewrites summary.json and report.html.</summary>
    Task ScenarioFinishedAsync(ScenarioResult result);

    /// <summary>
    /// Starts appending the running scenario's raw timelines to the results folder as they grow, so a killed run
    /// leaves partial files a report can be rebuilt from; null when this host writes no reports. Dispose it before
    /// <see cref="ScenarioFinishedAsync"/>.
    /// </summary>
    RawTimelineFlusher? StartRawTimelines(ScenarioResult result, RawTimelineSources sources) => null;
}
