using ZeroDowntime.Fixtures.Load;

namespace ZeroDowntime.Fixtures.Autoscaling;

/// <summary>
/// What the Autoscaling scenario recorded besides attempts and pod events: the load plan and when each
/// stage began, the HPA (bounds, target, every status change and event from watches) and the workers'
/// CPU from the resource metrics API, plus the instants the verdicts are measured from. Drawn in
/// report.html and written to summary.json.
/// </summary>
public sealed class AutoscalingTimeline
{
    private readonly Lock _gate = new();
    private readonly List<HpaSnapshot> _snapshots = [];
    private readonly List<HpaEventRecord> _events = [];
    private readonly List<CpuSample> _cpu = [];

    /// <summary>The role the HPA scales (the workers' role name, e.g. <c>worker</c>).</summary>
    public string Role { get; set; } = "worker";

    /// <summary>The HPA's name.</summary>
    public string HpaName { get; set; } = "";

    /// <summary><c>spec.minReplicas</c>.</summary>
    public int MinReplicas { get; set; }

    /// <summary><c>spec.maxReplicas</c>.</summary>
    public int MaxReplicas { get; set; }

    /// <summary>The Ready count the scale-up must reach.</summary>
    public int ExpectedReplicas { get; set; }

    /// <summary>The cpu utilization target in percent, when the HPA has one.</summary>
    public int? TargetUtilization { get; set; }

    /// <summary>The load stages, baseline first (the last holds until the load stops).</summary>
    public IReadOnlyList<LoadStage> Stages { get; set; } = [];

    /// <summary>When the load started; stage i began at this plus the durations before it.</summary>
    public DateTimeOffset? LoadStartedAt { get; set; }

    /// <summary>The step to the last stage: the scale-up deadline counts from here.</summary>
    public DateTimeOffset? TopStageAt => LoadStartedAt is { } start && Stages.Count > 0 ? start + LoadStages.Starts(Stages)[^1] : null;

    /// <summary>When the expected replicas were all Ready; null if they never were.</summary>
    public DateTimeOffset? ScaledUpAt { get; set; }

    /// <summary>When the load was stopped (the probe kept running).</summary>
    public DateTimeOffset? LoadStoppedAt { get; set; }

    /// <summary>When the workers were back at the minimum after the load stopped; null if they were not.</summary>
    public DateTimeOffset? ScaledDownAt { get; set; }

    /// <summary>Every HPA status change seen.</summary>
    public IReadOnlyList<HpaSnapshot> Snapshots
    {
        get
        {
            lock (_gate)
            {
                return _snapshots.ToList();
            }
        }
    }

    /// <summary>Every Event about the HPA seen.</summary>
    public IReadOnlyList<HpaEventRecord> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>Every metrics API read.</summary>
    public IReadOnlyList<CpuSample> Cpu
    {
        get
        {
            lock (_gate)
            {
                return _cpu.ToList();
            }
        }
    }

    /// <summary>The latest status seen, or null.</summary>
    public HpaSnapshot? LatestSnapshot
    {
        get
        {
            lock (_gate)
            {
                return _snapshots.Count == 0 ? null : _snapshots[^1];
            }
        }
    }

    /// <summary>Records a status change.</summary>
    public void Add(HpaSnapshot snapshot)
    {
        lock (_gate)
        {
            _snapshots.Add(snapshot);
        }
    }

    /// <summary>Records an HPA event.</summary>
    public void Add(HpaEventRecord record)
    {
        lock (_gate)
        {
            _events.Add(record);
        }
    }

    /// <summary>Records a metrics read.</summary>
    public void Add(CpuSample sample)
    {
        lock (_gate)
        {
            _cpu.Add(sample);
        }
    }
}
