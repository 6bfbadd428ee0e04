namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// One request attempt, as a probe or a load generator saw it. Every verdict about availability is
/// computed from a list of these, so they are written to <c>*.requests.csv</c> and read back unchanged.
/// </summary>
/// <remarks>
/// A value type on purpose: a probe at 200/s for an hour keeps 720,000 of these in memory, in
/// chunked arrays, without one heap object per attempt.
/// </remarks>
/// <param name="Source">Who made the attempt: <see cref="AttemptSources.Probe"/>, <see cref="AttemptSources.BuiltInLoad"/>, <see cref="AttemptSources.K6"/>.</param>
/// <param name="Sequence">The attempt's index in its generator's schedule (attempt k was due at t0 + k/rate); gaps reveal lost records.</param>
/// <param name="Start">When the request was issued (UTC, 100 ns ticks; k6 lines carry whole milliseconds).</param>
/// <param name="Latency">From <paramref name="Start"/> to the complete response or the error.</param>
/// <param name="Outcome">Success or failure per the success check.</param>
/// <param name="HttpStatus">The response status, or null when no response arrived.</param>
/// <param name="ErrorKind">Why it failed; <see cref="AttemptErrorKind.None"/> for a success.</param>
/// <param name="Detail">A short error description for failures (never a response body or a credential); null for successes.</param>
public readonly record struct AttemptRecord(
    string Source,
    long Sequence,
    DateTimeOffset Start,
    TimeSpan Latency,
    AttemptOutcome Outcome,
    int? HttpStatus,
    AttemptErrorKind ErrorKind,
    string? Detail = null)
{
    /// <summary>True when the attempt passed the success check.</summary>
    public bool Succeeded => Outcome == AttemptOutcome.Success;

    /// <summary>When the attempt finished: <see cref="Start"/> + <see cref="Latency"/>.</summary>
    public DateTimeOffset End => Start + Latency;

    /// <summary>
    /// The moment the outcome was seen: the complete response, the error, or start + timeout for a
    /// timeout (its latency is the full wait). Equal to <see cref="End"/>; named for what it means.
    /// </summary>
    public DateTimeOffset Seen => End;

    /// <summary>The instant that places the attempt on a timeline under <paramref name="basis"/>.</summary>
    public DateTimeOffset At(AttemptTime basis) => basis == AttemptTime.Start ? Start : Seen;
}
