namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>SingleWorkerDisruption: delete one worker pod.</summary>
public sealed class SingleWorkerTiming
{
    /// <summary>The longest the availability is watched after the deletion (the seed's 5 minutes).</summary>
    [Setting("MONITORING_WINDOW", "Longest watch after the deletion; ends earlier at recovery + settle period.",
        LocalDefault = "30s", ProductionDefault = "5m")]
    public TimeSpan MonitoringWindow { get; init; }

    /// <summary>Success rate during the disruption must be above this percentage.</summary>
    [Setting("SUCCESS_RATE_ABOVE", "Success rate during the disruption must be above this percentage.",
        Default = "95", Minimum = 0, Maximum = 100)]
    public double SuccessRateAbovePercent { get; init; }

    /// <summary>The replacement worker must be Ready within this time of the deletion.</summary>
    [Setting("REPLACEMENT_READY_WITHIN", "The replacement pod must be Ready within this time of the deletion.",
        LocalDefault = "30s", ProductionDefault = "5m")]
    public TimeSpan ReplacementReadyWithin { get; init; }
}
