namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>HeadDisruption: delete the head pod.</summary>
public sealed class HeadTiming
{
    /// <summary>The longest the availability is watched after the deletion (the seed's 5 minutes).</summary>
    [Setting("MONITORING_WINDOW", "Longest watch after the deletion; ends earlier at recovery + settle period.",
        LocalDefault = "40s", ProductionDefault = "5m")]
    public TimeSpan MonitoringWindow { get; init; }

    /// <summary>The temporary outage (total downtime) must stay below this.</summary>
    [Setting("OUTAGE_BELOW", "The temporary outage (total downtime) must stay below this.", Default = "2m")]
    public TimeSpan OutageBelow { get; init; }

    /// <summary>The new head pod must be Ready within this time of the deletion.</summary>
    [Setting("NEW_HEAD_READY_WITHIN", "The new head pod must be Ready within this time of the deletion.",
        LocalDefault = "30s", ProductionDefault = "3m")]
    public TimeSpan NewHeadReadyWithin { get; init; }

    /// <summary>Every worker must be ALIVE in the head's state API within this time of the new head being Ready.</summary>
    [Setting("WORKERS_RECONNECT_WITHIN", "Every worker must be ALIVE per the new head's state API within this time of it being Ready.",
        LocalDefault = "30s", ProductionDefault = "1m")]
    public TimeSpan WorkersReconnectWithin { get; init; }

    /// <summary>Success rate after recovery must be above this percentage.</summary>
    [Setting("SUCCESS_RATE_AFTER_RECOVERY_ABOVE", "Success rate after recovery must be above this percentage.",
        Default = "95", Minimum = 0, Maximum = 100)]
    public double SuccessRateAfterRecoveryAbovePercent { get; init; }
}
