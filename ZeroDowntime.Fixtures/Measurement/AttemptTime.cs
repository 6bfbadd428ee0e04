namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// Which of an attempt's two instants places it on a timeline (docs/measurement.md, "Two times per attempt").
/// </summary>
public enum AttemptTime
{
    /// <summary>
    /// The moment its outcome was seen (<see cref="AttemptRecord.Seen"/>: the response, the error,
    /// or start + timeout). The default: a slow request that fails when a pod dies failed at the
    /// kill, not when it was sent.
    /// </summary>
    Seen,

    /// <summary>When the request was sent (<see cref="AttemptRecord.Start"/>): "requests sent at t failed".</summary>
    Start,
}
