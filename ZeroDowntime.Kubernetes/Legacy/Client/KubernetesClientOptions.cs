namespace ZeroDowntime.Kubernetes.Legacy;

/// <summary>Timeouts, retry policy and extra handlers of a <see cref="KubernetesClient"/>.</summary>
/// <example><code>
/// var options = new KubernetesClientOptions
/// {
///     RequestTimeout = TimeSpan.FromSeconds(10),
///     Handlers = [() => new DisruptionGuardHandler(settings)],
///     Log = line => output.WriteLine(line),
/// };
/// </code></example>
public sealed record KubernetesClientOptions
{
    /// <summary>
    /// Deadline of one attempt of a non-streaming call, body included (default 30 s). For watches,
    /// log follows and other streams it covers only connecting and receiving the headers.
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
    /// Extra handlers between the client's retry/auth logic and the primary (TLS) handler, outermost
    /// first; each factory is called once per client. The safety guard is one of these. Exceptions
    /// they throw, other than <see cref="HttpRequestException"/>, <see cref="IOException"/> and
    /// <see cref="System.Net.Sockets.SocketException"/> (connection failures),
    /// propagate unchanged and are never retried.
    /// </summary>
    public IReadOnlyList<Func<DelegatingHandler>> Handlers { get; init; } = [];

    /// <summary>Receives one line per retry, credential refresh and watch restart. Never receives secrets.</summary>
    public Action<string>? Log { get; init; }
}
