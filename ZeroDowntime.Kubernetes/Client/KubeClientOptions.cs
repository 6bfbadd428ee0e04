namespace ZeroDowntime.Kubernetes;

/// <summary>Timeouts, retry policy and extra handlers of a client built by <see cref="ClusterConnection.CreateClient"/>.</summary>
/// <example><code>
/// IKubernetes kube = connection.CreateClient(new KubeClientOptions
/// {
///     RequestTimeout = TimeSpan.FromSeconds(10),
///     Handlers = [() => new DisruptionGuardHandler(gate)],
///     Log = line => output.WriteLine(line),
/// });
/// </code></example>
public sealed record KubeClientOptions
{
    /// <summary>
    /// Deadline of one attempt of a non-streaming call, body included (default 30 s). For watches and
    /// log follows it covers only connecting and receiving the response headers.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt for retryable failures of idempotent calls (default 3).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Backoff before the first retry; doubles per retry, with jitter (default 200 ms).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of the exponential backoff (default 5 s).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound on a server's <c>Retry-After</c> that is honoured as given (default 30 s).</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Extra handlers in front of the retry handler, outermost first; each factory is called once per
    /// client. The disruption gate is one of these: a refused request is never sent nor retried.
    /// They never see the Authorization header (credentials are added innermost, per attempt).
    /// </summary>
    public IReadOnlyList<Func<DelegatingHandler>> Handlers { get; init; } = [];

    /// <summary>Receives one line per retry and credential refresh. Never receives secrets.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Counts the retries, by cause (null: not counted).</summary>
    public ApiRetryCounts? Retries { get; init; }

    internal void Validate()
    {
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RequestTimeout), "RequestTimeout must be positive.");
        if (MaxRetries < 0) throw new ArgumentOutOfRangeException(nameof(MaxRetries), "MaxRetries must not be negative.");
    }
}
