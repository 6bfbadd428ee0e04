namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// Autoscaling (seeds 002 and 004): baseline at the HPA's minimum, ramp the load, the HPA scales up,
/// hold, stop, the HPA scales back down. The <c>local</c> profile's load and deadlines fit the sample
/// target's HPA on the embedded cluster (15 s sync, 5 s metrics window, 10 s scale-down window); the
/// <c>production</c> profile holds the seeds' numbers.
/// </summary>
public sealed class AutoscalingTiming
{
    /// <summary>The HPA to watch; null: the one whose scale target owns the worker pods.</summary>
    [Setting("HPA_NAME", "HorizontalPodAutoscaler of the workers; unset: the one whose scaleTargetRef owns the worker pods.",
        Format = SettingFormat.DnsSubdomain)]
    public string? HpaName { get; init; }

    /// <summary>How long the baseline load runs at the HPA's minimum before the ramp.</summary>
    [Setting("BASELINE", "Load at the baseline rate (ZD_TIMING__LOAD__RATE) this long at minimum replicas before the ramp.",
        LocalDefault = "6s", ProductionDefault = "60s")]
    public TimeSpan Baseline { get; init; }

    /// <summary>The ramp after the baseline; the last stage's rate holds until the load stops.</summary>
    [Setting("LOAD_STAGES", "Arrival-rate stages after the baseline, RATE:DURATION (req/s); the last rate holds until the load stops.",
        LocalDefault = "25:3s,120:30s", ProductionDefault = "5:30s,10:30s,20:60s", Format = SettingFormat.LoadStages)]
    public string LoadStages { get; init; } = "";

    /// <summary>Concurrency cap of the ramping load (k6 maxVUs).</summary>
    [Setting("CONCURRENCY", "Concurrent clients of the ramping load (k6 VUs); an attempt due while all are busy is dropped.",
        Default = "50", Minimum = 1, Maximum = 10000)]
    public int Concurrency { get; init; }

    /// <summary>The Ready worker count the scale-up must reach; null: the HPA's maxReplicas.</summary>
    [Setting("EXPECTED_REPLICAS", "Ready workers the scale-up must reach (none: the HPA's maxReplicas).", Minimum = 1)]
    public int? ExpectedReplicas { get; init; }

    /// <summary>Deadline from the start of the last stage to the expected replicas Ready.</summary>
    [Setting("SCALE_UP_WITHIN", "The expected replicas must be Ready within this time of the step to the last stage.",
        LocalDefault = "45s", ProductionDefault = "2m")]
    public TimeSpan ScaleUpWithin { get; init; }

    /// <summary>How long the top load keeps running after the scale-up (latency and throughput are judged over it).</summary>
    [Setting("HOLD", "The top load keeps running this long after the scale-up; p95 and throughput are judged over it.",
        LocalDefault = "6s", ProductionDefault = "2m")]
    public TimeSpan Hold { get; init; }

    /// <summary>Deadline from the load stop to the workers back at the HPA's minimum.</summary>
    [Setting("SCALE_DOWN_WITHIN", "Workers must be back at the HPA's minimum within this time of the load stopping.",
        LocalDefault = "35s", ProductionDefault = "10m")]
    public TimeSpan ScaleDownWithin { get; init; }

    /// <summary>Failed attempts (load and probe, from start to end) must stay below this percentage.</summary>
    [Setting("ERROR_RATE_BELOW", "Failed attempts (load and probe, the whole run) must stay below this percentage.",
        Default = "1", Minimum = 0, Maximum = 100)]
    public double ErrorRateBelowPercent { get; init; }

    /// <summary>p95 latency during the hold may be at most this many times the baseline's.</summary>
    [Setting("P95_FACTOR", "p95 latency of the load during the hold may be at most this many times the baseline's.",
        Default = "2", Minimum = 1, Maximum = 100)]
    public double P95Factor { get; init; }

    /// <summary>Throughput during the hold must be at least this share of replicas × baseline per-pod throughput.</summary>
    [Setting("THROUGHPUT_SHARE", "Load throughput during the hold must be at least this share of (Ready replicas × baseline throughput per pod).",
        Default = "0.8", Minimum = 0, Maximum = 10)]
    public double ThroughputShare { get; init; }
}
