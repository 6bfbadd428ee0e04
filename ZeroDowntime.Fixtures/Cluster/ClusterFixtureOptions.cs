using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>How a <see cref="ClusterFixture"/> is set up; the defaults are what <c>dotnet test</c> uses.</summary>
public sealed record ClusterFixtureOptions
{
    /// <summary>Settings; null reads them from the environment (<c>ZD_*</c>).</summary>
    public ZeroDowntimeSettings? Settings { get; init; }

    /// <summary>Manifests the embedded cluster loads (relative: found by <see cref="ManifestLocator"/>).</summary>
    public string Manifests { get; init; } = Path.Combine("manifests", ManifestLocator.SampleTarget);

    /// <summary>Nodes of the embedded cluster: one more than the workers' nodes plus room to reschedule a drained worker.</summary>
    public int EmbeddedNodes { get; init; } = 5;

    /// <summary>Where progress lines go; default the console.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Replaces the pod event timeline (tests); default the recorder.</summary>
    public Func<Scenarios.IScenarioHost, Scenarios.IClusterTimeline>? TimelineFactory { get; init; }

    /// <summary>Replaces the load generator choice (tests); default per <c>ZD_LOAD</c>.</summary>
    public Func<Scenarios.IScenarioHost, TimeSpan, Load.ILoadGenerator>? LoadFactory { get; init; }

    /// <summary>Write summary.json/report.html and the console summary on dispose (self-tests may turn it off).</summary>
    public bool WriteReports { get; init; } = true;

    /// <summary>Adjusts the embedded cluster's options before it starts (self-tests: a network plugin that ignores NetworkPolicy); null: the defaults.</summary>
    public Action<ZeroDowntime.LocalCluster.LocalClusterOptions>? ConfigureEmbedded { get; init; }
}
