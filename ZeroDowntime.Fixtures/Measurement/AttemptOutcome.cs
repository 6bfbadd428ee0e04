namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>Whether one request attempt counted as available service.</summary>
public enum AttemptOutcome
{
    /// <summary>The response passed the success check within the attempt's timeout.</summary>
    Success,

    /// <summary>Anything else: a timeout, a refused or reset connection, a bad status or body.</summary>
    Failure,
}
