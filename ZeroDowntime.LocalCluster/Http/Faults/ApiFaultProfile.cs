namespace ZeroDowntime.LocalCluster.Http.Faults;

/// <summary>
/// One named set of control-plane faults and their rates (docs/local-cluster-faults.md). Rates are
/// per API call; error faults (429, 5xx, resets) hit only GET, PUT and DELETE, the calls a Kubernetes
/// client may repeat, because a real API server that fails a POST or PATCH before applying it is
/// indistinguishable to the client from one that applied it.
/// </summary>
public sealed record ApiFaultProfile
{
    /// <summary>The profile's name, as given to <c>up --faults</c> and <c>ZD_LOCAL_FAULTS</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One line for the usage text and the docs.</summary>
    public required string Description { get; init; }

    /// <summary>Extra latency added to every API call: uniformly between min and max (zero: none).</summary>
    public TimeSpan MinLatency { get; init; }

    /// <inheritdoc cref="MinLatency"/>
    public TimeSpan MaxLatency { get; init; }

    /// <summary>Share of repeatable calls answered 429 TooManyRequests with <c>Retry-After: 1</c>.</summary>
    public double TooManyRequestsRate { get; init; }

    /// <summary>Share of repeatable calls answered 500 InternalError or 503 ServiceUnavailable (half each).</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>Share of repeatable calls whose connection is aborted before any response byte.</summary>
    public double ResetRate { get; init; }

    /// <summary>When set, every watch stream is closed after a uniform time up to this long (at least 200 ms).</summary>
    public TimeSpan? WatchCloseAfter { get; init; }

    /// <summary>Share of watch resumes (a watch from a resourceVersion other than 0) answered with ERROR 410 Expired.</summary>
    public double ResumeExpiredRate { get; init; }

    /// <summary>Delay added to every eviction (POST pods/NAME/eviction) before it is decided.</summary>
    public TimeSpan EvictionDelay { get; init; }
}
