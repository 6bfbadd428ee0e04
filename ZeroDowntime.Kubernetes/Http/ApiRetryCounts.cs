namespace ZeroDowntime.Kubernetes;

/// <summary>
/// How often a client's <see cref="RetryHandler"/> repeated a call, by cause: a run under a throttling or failing API
/// server reports them, so "the verdicts held under faults" comes with how many faults the client absorbed.
/// Thread-safe; pass one through <see cref="KubeClientOptions.Retries"/>.
/// </summary>
public sealed class ApiRetryCounts
{
    private long _answers;
    private long _connections;

    /// <summary>Retries after an answer that asked for one: 429 TooManyRequests, 500, 502, 503, 504.</summary>
    public long AfterAnswers => Interlocked.Read(ref _answers);

    /// <summary>Retries after no usable answer: a refused, reset or cut connection, or an attempt that timed out.</summary>
    public long AfterConnectionFailures => Interlocked.Read(ref _connections);

    /// <summary>All retries.</summary>
    public long Total => AfterAnswers + AfterConnectionFailures;

    /// <summary>E.g. <c>41 (29 after 429/5xx answers, 12 after connection failures or timeouts)</c>.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{Total} ({AfterAnswers} after 429/5xx answers, {AfterConnectionFailures} after connection failures or timeouts)");

    internal void CountAnswer() => Interlocked.Increment(ref _answers);

    internal void CountConnectionFailure() => Interlocked.Increment(ref _connections);
}
