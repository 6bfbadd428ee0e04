namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>NodeDrain: cordon a worker's node and evict through the eviction API.</summary>
public sealed class NodeDrainTiming
{
    /// <summary>The longest the availability is watched after the drain starts.</summary>
    [Setting("MONITORING_WINDOW", "Longest watch after the drain starts; ends earlier at recovery + settle period.",
        LocalDefault = "40s", ProductionDefault = "10m")]
    public TimeSpan MonitoringWindow { get; init; }

    /// <summary>Success rate during the drain must be above this percentage.</summary>
    [Setting("SUCCESS_RATE_ABOVE", "Success rate during the drain must be above this percentage.",
        Default = "90", Minimum = 0, Maximum = 100)]
    public double SuccessRateAbovePercent { get; init; }

    /// <summary>From eviction accepted to the pod's DELETED event.</summary>
    [Setting("POD_TERMINATES_WITHIN", "From eviction accepted to the pod's DELETED event.",
        LocalDefault = "30s", ProductionDefault = "60s")]
    public TimeSpan PodTerminatesWithin { get; init; }

    /// <summary>The rescheduled worker must be Ready within this time of the eviction.</summary>
    [Setting("REPLACEMENT_READY_WITHIN", "The rescheduled pod must be Ready within this time of the eviction.",
        LocalDefault = "40s", ProductionDefault = "10m")]
    public TimeSpan ReplacementReadyWithin { get; init; }

    /// <summary>How long evictions refused by a budget are retried before the drain fails.</summary>
    [Setting("DRAIN_TIMEOUT", "How long evictions refused by a budget (429) are retried before the drain fails.",
        LocalDefault = "60s", ProductionDefault = "600s")]
    public TimeSpan DrainTimeout { get; init; }

    /// <summary>The pause between eviction attempts refused with 429 (kubectl drain uses 5 s).</summary>
    [Setting("EVICTION_RETRY_INTERVAL", "Pause between eviction attempts refused with 429.",
        LocalDefault = "1s", ProductionDefault = "5s")]
    public TimeSpan EvictionRetryInterval { get; init; }
}
