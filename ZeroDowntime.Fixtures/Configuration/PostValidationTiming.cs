namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>PostValidation: the target is whole again and answers every request.</summary>
public sealed class PostValidationTiming
{
    /// <summary>How many sequential inference requests are sent.</summary>
    [Setting("REQUESTS", "Sequential inference requests sent after the scenarios.", Default = "10", Minimum = 1, Maximum = 10000)]
    public int Requests { get; init; }

    /// <summary>Their success rate must be at least this percentage.</summary>
    [Setting("SUCCESS_RATE_AT_LEAST", "Success rate of those requests must be at least this percentage.",
        Default = "100", Minimum = 0, Maximum = 100)]
    public double SuccessRateAtLeastPercent { get; init; }
}
