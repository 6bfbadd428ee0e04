namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>SequentialDisruptions: each worker in turn, like a rolling upgrade.</summary>
public sealed class SequentialTiming
{
    /// <summary>The mandated wait between two worker deletions.</summary>
    [Setting("INTERVAL", "Wait between two worker deletions.", LocalDefault = "10s", ProductionDefault = "2m")]
    public TimeSpan Interval { get; init; }

    /// <summary>Success rate over the whole scenario must be above this percentage.</summary>
    [Setting("SUCCESS_RATE_ABOVE", "Success rate over the whole scenario must be above this percentage.",
        Default = "90", Minimum = 0, Maximum = 100)]
    public double SuccessRateAbovePercent { get; init; }

    /// <summary>The sum of all downtime windows must stay below this.</summary>
    [Setting("TOTAL_DOWNTIME_BELOW", "Sum of all downtime windows must stay below this.", Default = "30s")]
    public TimeSpan TotalDowntimeBelow { get; init; }
}
