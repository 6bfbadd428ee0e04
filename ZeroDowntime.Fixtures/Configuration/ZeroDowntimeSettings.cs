using System.Collections;
using ZeroDowntime.Kubernetes.Safety;

namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// Everything a run is configured with, bound once from <c>ZD_*</c> environment variables (which
/// <c>.runsettings</c> can set) and an optional JSON file named by <c>ZD_SETTINGS_FILE</c>; a variable
/// wins over the file, the file over the profile's defaults. Every value is checked before anything
/// runs; all problems are reported together in one <see cref="ZeroDowntimeConfigurationException"/>.
/// </summary>
/// <example>
/// <code>
/// var settings = ZeroDowntimeSettings.FromEnvironment();
/// var window = settings.Timing.NodeDrain.MonitoringWindow;      // 10m (production) or 40s (local)
/// var workers = settings.Target.Workers.Selector;               // ray.io/node-type=worker
/// var gate = settings.CreateDisruptionGate(connection.ContextName);
/// </code>
/// </example>
public sealed class ZeroDowntimeSettings
{
    /// <summary>Which cluster to run against.</summary>
    [Setting("CLUSTER", "local starts the embedded cluster in-process; kubeconfig uses a real cluster through a kubeconfig context.",
        Default = "local")]
    public ClusterMode Cluster { get; init; }

    /// <summary>An explicit kubeconfig path; null lets the client resolve KUBECONFIG, then ~/.kube/config, then in-cluster.</summary>
    [Setting("KUBECONFIG", "Kubeconfig file (kubeconfig mode); unset: KUBECONFIG, then ~/.kube/config, then the in-cluster service account.")]
    public string? Kubeconfig { get; init; }

    /// <summary>The kubeconfig context; null means the kubeconfig's current-context.</summary>
    [Setting("CONTEXT", "Kubeconfig context (kubeconfig mode); unset: the kubeconfig's current-context.")]
    public string? Context { get; init; }

    /// <summary>The target's namespace; null means the context's namespace, else <c>default</c> (see <see cref="ResolveNamespace"/>).</summary>
    [Setting("NAMESPACE", "Namespace of the target and of the suite's k6 Jobs; unset: the context's namespace, else default.",
        Format = SettingFormat.DnsLabel)]
    public string? Namespace { get; init; }

    /// <summary>Must equal the context name exactly for disruptive steps to run on a kubeconfig cluster.</summary>
    [Setting("ALLOW_DISRUPTION", "Disruptive steps run on a kubeconfig cluster only when this equals the context name exactly; ignored by the embedded cluster.",
        Format = SettingFormat.Exact)]
    public string? AllowDisruption { get; init; }

    /// <summary>Which timing defaults apply.</summary>
    [Setting("PROFILE", "Timing defaults: local (compressed) or production (the reference suite's numbers); unset: local with ZD_CLUSTER=local, production with kubeconfig.")]
    public ProfileName Profile { get; init; }

    /// <summary>The results folder, with <c>{timestamp}</c> already replaced by the run's start (yyyyMMdd-HHmmss).</summary>
    [Setting("RESULTS_DIR", "Folder for summary.json, report.html and raw timelines; {timestamp} becomes yyyyMMdd-HHmmss.",
        Default = "TestResults/zerodowntime-{timestamp}")]
    public string ResultsDirectory { get; init; } = "";

    /// <summary>Which load generator carries the scenario load.</summary>
    [Setting("LOAD", "Load generator: auto (k6 on a real cluster, built-in on the embedded one), k6 or builtin.", Default = "auto")]
    public LoadGeneratorChoice LoadGenerator { get; init; }

    /// <summary>The k6 image the load Job runs, pinned.</summary>
    [Setting("K6_IMAGE", "Image of the k6 load Job, pinned to a tag or digest.", Default = "grafana/k6:2.0.0",
        Format = SettingFormat.PinnedImage)]
    public string K6Image { get; init; } = "";

    /// <summary>The seed of every random choice (RandomPodKill's pods); null: a new one per run, printed and stored in summary.json.</summary>
    [Setting("CHAOS_SEED", "Seed of the random choices (which pods RandomPodKill kills); unset: a new seed per run, printed and stored in summary.json.",
        Minimum = 0)]
    public int? ChaosSeed { get; init; }

    /// <summary>The JSON settings file that was read, as a full path; null when none.</summary>
    [Setting("SETTINGS_FILE", "JSON file with more settings (same names without ZD_, __ as nesting); environment variables win over it.",
        EnvironmentOnly = true)]
    public string? SettingsFile { get; init; }

    /// <summary>The availability probe.</summary>
    [SettingsSection("PROBE", "Availability probe")]
    public ProbeSettings Probe { get; init; } = new();

    /// <summary>The target service and its topology.</summary>
    [SettingsSection("TARGET", "Target service")]
    public TargetSettings Target { get; init; } = new();

    /// <summary>Every threshold and duration, from the selected profile plus overrides.</summary>
    [SettingsSection("TIMING", "Timing: common")]
    public TimingProfile Timing { get; init; } = new();

    /// <summary>
    /// Binds and validates the settings from this process's environment (and <c>ZD_SETTINGS_FILE</c>).
    /// </summary>
    /// <exception cref="ZeroDowntimeConfigurationException">Any setting is invalid or unknown.</exception>
    public static ZeroDowntimeSettings FromEnvironment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string;
        }

        return Load(environment);
    }

    /// <summary>
    /// Binds and validates settings from <paramref name="environment"/> (only <c>ZD_*</c> names are
    /// read). <paramref name="now"/> stamps the results folder; relative paths resolve against the
    /// current directory.
    /// </summary>
    /// <exception cref="ZeroDowntimeConfigurationException">Any setting is invalid or unknown.</exception>
    public static ZeroDowntimeSettings Load(IReadOnlyDictionary<string, string?> environment, DateTimeOffset? now = null) =>
        new SettingsLoader(environment, now ?? DateTimeOffset.Now).Load();

    /// <summary>The namespace to use: <see cref="Namespace"/>, else the context's, else <c>default</c>.</summary>
    public string ResolveNamespace(string? contextNamespace) =>
        Namespace ?? (string.IsNullOrEmpty(contextNamespace) ? "default" : contextNamespace);

    /// <summary>
    /// The disruption gate for the connected cluster: always open for the embedded cluster, otherwise
    /// open only when <see cref="AllowDisruption"/> equals <paramref name="contextName"/>.
    /// </summary>
    public DisruptionGate CreateDisruptionGate(string contextName) => Cluster == ClusterMode.Local
        ? DisruptionGate.ForEmbeddedCluster(contextName)
        : DisruptionGate.ForContext(contextName, AllowDisruption);

    /// <inheritdoc />
    public override string ToString() =>
        $"cluster {SettingValueParser.ToText(Cluster)}, profile {SettingValueParser.ToText(Profile)}, load {SettingValueParser.ToText(LoadGenerator)}" +
        (Context is null ? "" : $", context '{Context}'");
}
