namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// How the k6 Job runs: the load contract, which run it belongs to, the pinned image, where to keep
/// the pod (away from the target's pods and from a node about to be drained) and the named deadlines.
/// </summary>
public sealed record K6JobOptions
{
    /// <summary>The load contract (rate, concurrency cap, duration, request timeout, request).</summary>
    public required LoadOptions Load { get; init; }

    /// <summary>The run id every created object is labelled with (<c>zerodowntime.io/run</c>).</summary>
    public required string RunId { get; init; }

    /// <summary>Namespace of the Job and ConfigMap (the target's).</summary>
    public required string Namespace { get; init; }

    /// <summary>The k6 image, pinned to a tag or digest: <c>ZD_K6_IMAGE</c>, the one source of the image.</summary>
    public required string Image { get; init; }

    /// <summary>Prefix of the Job and ConfigMap names.</summary>
    public string NamePrefix { get; init; } = "zd-k6";

    /// <summary>Port of k6's REST API (<c>--address=0.0.0.0:PORT</c>), reached through the pod proxy.</summary>
    public int ApiPort { get; init; } = 6565;

    /// <summary>Label selectors of the target's pods; the k6 pod prefers nodes without them.</summary>
    public IReadOnlyList<string> AvoidPodsMatching { get; init; } = [];

    /// <summary>When true the anti-affinity to the target's pods is required, not preferred (may leave the pod unschedulable).</summary>
    public bool RequireAntiAffinity { get; init; }

    /// <summary>A node the k6 pod must not run on (the node a scenario will drain); null for none.</summary>
    public string? AvoidNode { get; init; }

    /// <summary>Named deadline <c>ZD_TIMING__LOAD__START_TIMEOUT</c>: Job created to the first attempt line (scheduling, image pull, start).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Named deadline "k6 summary after stop": stop request to the summary line or terminated message.</summary>
    public TimeSpan SummaryTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The Job's <c>activeDeadlineSeconds</c> (<c>ZD_TIMING__LOAD__JOB_DEADLINE</c>): a safety net if the suite dies.</summary>
    public TimeSpan JobDeadline { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How many Jobs to try before giving up: 2 (the first, plus one retry with a fresh Job).</summary>
    public int MaxTries { get; init; } = 2;

    /// <summary>Narration of what the fixture does (created, pod running, stopping...); null for silence.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Appended to the failure when the cluster cannot run the image: how to choose another generator (the factory says how ZD_LOAD picked this one).</summary>
    public string? ImageFailureHint { get; init; }

    /// <summary>The pod's terminationGracePeriodSeconds: enough for k6 to finish in-flight requests and print its summary after SIGTERM.</summary>
    public long TerminationGracePeriodSeconds => (long)Math.Ceiling(Load.RequestTimeout.TotalSeconds) + 30;
}
