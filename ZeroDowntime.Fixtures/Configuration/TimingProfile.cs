namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// Every threshold and duration the scenarios use (<c>ZD_TIMING__*</c>). <c>ZD_PROFILE</c> picks the
/// defaults: <c>production</c> holds the reference suite's numbers, <c>local</c> compresses the waits
/// for the embedded cluster (pods start in 1–2 s) while success rates, downtime limits and counts
/// keep their values. Each value can be overridden on its own.
/// </summary>
public sealed class TimingProfile
{
    /// <summary>The load the scenarios run under.</summary>
    [SettingsSection("LOAD", "Timing: scenario load")]
    public LoadTiming Load { get; init; } = new();

    /// <summary>Load runs this long before the disruption, to establish a baseline.</summary>
    [Setting("BASELINE_WAIT", "Load runs this long before the disruption, to establish a baseline.",
        LocalDefault = "3s", ProductionDefault = "30s")]
    public TimeSpan BaselineWait { get; init; }

    /// <summary>Monitoring continues this long after recovery (never past the scenario's window).</summary>
    [Setting("SETTLE_PERIOD", "Monitoring continues this long after recovery, capped at the scenario's window.",
        LocalDefault = "5s", ProductionDefault = "60s")]
    public TimeSpan SettlePeriod { get; init; }

    /// <summary>Single inference requests (baseline, post-validation) time out after this.</summary>
    [Setting("INFERENCE_TIMEOUT", "Single inference requests (baseline, post-validation) time out after this.",
        LocalDefault = "5s", ProductionDefault = "10s")]
    public TimeSpan InferenceTimeout { get; init; }

    /// <summary>Pre-validation waits this long for every target pod to be Ready.</summary>
    [Setting("CLUSTER_READY_TIMEOUT", "Pre-validation waits this long for every target pod to be Ready.",
        LocalDefault = "2m", ProductionDefault = "5m")]
    public TimeSpan ClusterReadyTimeout { get; init; }

    /// <summary>Progress lines of long waits; when a pod that cannot start ends a wait.</summary>
    [SettingsSection("WAITS", "Timing: waits")]
    public WaitTiming Waits { get; init; } = new();

    /// <summary>A pod still terminating after this is force-deleted.</summary>
    [Setting("STUCK_DELETION_WAIT", "A pod still terminating after this is force-deleted (grace period 0).",
        LocalDefault = "30s", ProductionDefault = "120s")]
    public TimeSpan StuckDeletionWait { get; init; }

    /// <summary>A service that stays unavailable longer than this fails the scenario.</summary>
    [Setting("SERVICE_RECOVERY_WAIT", "A service still unavailable after this fails the scenario.",
        LocalDefault = "60s", ProductionDefault = "300s")]
    public TimeSpan ServiceRecoveryWait { get; init; }

    /// <summary>How often the head's state API is asked for worker states (it has no watch).</summary>
    [Setting("RAY_STATE_POLL_INTERVAL", "How often the head's state API is asked for worker states (it has no watch).",
        LocalDefault = "1s", ProductionDefault = "5s")]
    public TimeSpan RayStatePollInterval { get; init; }

    /// <summary>SingleWorkerDisruption.</summary>
    [SettingsSection("SINGLE_WORKER", "Timing: SingleWorkerDisruption")]
    public SingleWorkerTiming SingleWorker { get; init; } = new();

    /// <summary>NodeDrain.</summary>
    [SettingsSection("NODE_DRAIN", "Timing: NodeDrain")]
    public NodeDrainTiming NodeDrain { get; init; } = new();

    /// <summary>SequentialDisruptions.</summary>
    [SettingsSection("SEQUENTIAL", "Timing: SequentialDisruptions")]
    public SequentialTiming Sequential { get; init; } = new();

    /// <summary>RedisDisruption.</summary>
    [SettingsSection("REDIS", "Timing: RedisDisruption")]
    public RedisTiming Redis { get; init; } = new();

    /// <summary>HeadDisruption.</summary>
    [SettingsSection("HEAD", "Timing: HeadDisruption")]
    public HeadTiming Head { get; init; } = new();

    /// <summary>RollingUpgrade.</summary>
    [SettingsSection("ROLLING_UPGRADE", "Timing: RollingUpgrade")]
    public RollingUpgradeTiming RollingUpgrade { get; init; } = new();

    /// <summary>Autoscaling.</summary>
    [SettingsSection("AUTOSCALING", "Timing: Autoscaling")]
    public AutoscalingTiming Autoscaling { get; init; } = new();

    /// <summary>RandomPodKill.</summary>
    [SettingsSection("RANDOM_POD_KILL", "Timing: RandomPodKill")]
    public RandomPodKillTiming RandomPodKill { get; init; } = new();

    /// <summary>NetworkPartition.</summary>
    [SettingsSection("NETWORK_PARTITION", "Timing: NetworkPartition")]
    public NetworkPartitionTiming NetworkPartition { get; init; } = new();

    /// <summary>DatastoreFailover.</summary>
    [SettingsSection("DATASTORE_FAILOVER", "Timing: DatastoreFailover")]
    public DatastoreFailoverTiming DatastoreFailover { get; init; } = new();

    /// <summary>PostValidation.</summary>
    [SettingsSection("POST_VALIDATION", "Timing: PostValidation")]
    public PostValidationTiming PostValidation { get; init; } = new();
}
