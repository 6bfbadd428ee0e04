using k8s;
using Xunit;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Probes;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Xunit;
using ZeroDowntime.Kubernetes.Safety;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>
/// The collection fixture every scenario shares: connects (starting the embedded cluster when
/// <c>ZD_CLUSTER=local</c>), repairs what killed runs left behind, waits until the target is Ready,
/// runs pre-validation once; on dispose restores the cluster, runs post-validation, writes the
/// reports and stops the embedded cluster. Whatever goes wrong in dispose is reported, never thrown
/// (the PostValidation scenario turns those checks into named steps).
/// </summary>
/// <example><code>
/// [CollectionDefinition(ClusterFixture.CollectionName)]
/// public sealed class ClusterCollection : ICollectionFixture&lt;ClusterFixture&gt;;
///
/// [Scenario("NodeDrain", Order = 30), Collection(ClusterFixture.CollectionName)]
/// public sealed class NodeDrain(ClusterFixture cluster) { ... cluster.PreValidation.Passed ... }
/// </code></example>
public sealed partial class ClusterFixture : IAsyncLifetime, IScenarioHost
{
    /// <summary>The xUnit collection every scenario class joins.</summary>
    public const string CollectionName = "ZeroDowntime cluster";

    private readonly ClusterFixtureOptions _options;
    private readonly Action<string> _log;
    private EmbeddedCluster? _embedded;
    private ClusterSession? _session;
    private ZeroDowntimeSettings? _settings;
    private InferenceRequest? _request;
    private RunReporter? _reporter;

    /// <summary>The fixture <c>dotnet test</c> creates: settings from the environment, the sample target.</summary>
    public ClusterFixture()
        : this(new ClusterFixtureOptions())
    {
    }

    private ClusterFixture(ClusterFixtureOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = options.Log ?? (line =>
        {
            var stamped = $"{DateTime.Now:HH:mm:ss.fff} [cluster] {line}";
            Console.WriteLine(stamped);
            LiveProgress.Write(stamped); // the terminal of dotnet test, as it happens, and console.log
        });
        RunId = SuiteLabels.NewRunId();
        Report = new SuiteReport(RunId, MeasurementClock.UtcNow);
        if (ScenarioSelection.Names.Count > 0)
        {
            Report.ExpectedScenarioCount = ScenarioSelection.Names.Count;
        }
    }

    /// <summary>A fixture with explicit options (self-tests: other manifests, explicit settings); xUnit allows a collection fixture one public constructor.</summary>
    public static ClusterFixture WithOptions(ClusterFixtureOptions options) => new(options);

    /// <summary>This run's id (label value of what it creates, annotation value of what it cordons).</summary>
    public string RunId { get; }

    /// <summary>The settings in force.</summary>
    public ZeroDowntimeSettings Settings => _settings ?? throw NotStarted();

    /// <summary>The guarded client, namespace and gate.</summary>
    public ClusterSession Session => _session ?? throw NotStarted();

    /// <inheritdoc />
    public IKubernetes Client => Session.Client;

    /// <inheritdoc />
    public string Namespace => Session.Namespace;

    /// <inheritdoc />
    public DisruptionGate Gate => Session.Gate;

    /// <inheritdoc />
    public InferenceRequest Request => _request ?? throw NotStarted();

    /// <inheritdoc />
    public string ResultsDirectory { get; private set; } = "";

    /// <inheritdoc />
    public SuiteReport Report { get; }

    /// <summary>Pre-validation, run once at start.</summary>
    public ValidationResult PreValidation { get; private set; } = new();

    /// <summary>What the start repaired (one sentence each).</summary>
    public IReadOnlyList<string> Repairs { get; private set; } = [];

    /// <summary>Undo actions for the whole run, run LIFO on dispose.</summary>
    public CleanupStack Cleanup { get; } = new();

    /// <summary>Pods by role.</summary>
    public TargetInventory Inventory => new(Client, Namespace, Settings.Target);

    /// <summary>The pre/post-validation checks.</summary>
    public TargetValidator Validator => new(Client, Namespace, Settings, Request);

    /// <summary>The embedded cluster's kubeconfig (null on a real cluster).</summary>
    public string? EmbeddedKubeconfig => _embedded?.KubeconfigPath;

    /// <inheritdoc />
    public IClusterTimeline CreateTimeline() =>
        (_options.TimelineFactory ?? ScenarioParts.CreateTimeline)(this);

    /// <inheritdoc />
    public ILoadGenerator CreateLoad(TimeSpan duration, Action<string> log) =>
        _options.LoadFactory?.Invoke(this, duration) ?? ScenarioParts.CreateLoad(Session, this, duration, log);

    /// <inheritdoc />
    public ILoadGenerator CreateRampingLoad(IReadOnlyList<LoadStage> stages, int concurrency, TimeSpan duration, Action<string> log) =>
        ScenarioParts.CreateRampingLoad(Session, this, stages, concurrency, duration, log);

    /// <inheritdoc />
    public void ScenarioStarted(ScenarioResult result) => _reporter?.ScenarioStarted(result);

    /// <inheritdoc />
    public Task ScenarioFinishedAsync(ScenarioResult result) => _reporter?.ScenarioFinishedAsync(result) ?? Task.CompletedTask;

    /// <inheritdoc />
    public RawTimelineFlusher? StartRawTimelines(ScenarioResult result, RawTimelineSources sources) => _reporter?.StartRawTimelines(result, sources);

    /// <summary>Narrates a fixture line (console, with time).</summary>
    public void Log(string line) => _log(line);

    private static InvalidOperationException NotStarted() =>
        new("The cluster fixture has not started (or failed to start); see the first step's error.");
}
