using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>What a scenario asks of its load generator; the settings supply rate, concurrency and deadlines.</summary>
public sealed record LoadGeneratorRequest
{
    /// <summary>The request as the test process sends it (the load balancer's ingress); the built-in generator uses it.</summary>
    public required InferenceRequest Request { get; init; }

    /// <summary>
    /// Where the k6 pod sends requests; null: the Service's in-cluster DNS name,
    /// <c>http://SERVICE.NAMESPACE.svc:PORT/PATH</c>, built from <c>ZD_TARGET__*</c>.
    /// </summary>
    public Uri? InClusterUri { get; init; }

    /// <summary>The run id the k6 Job and ConfigMap are labelled with.</summary>
    public required string RunId { get; init; }

    /// <summary>How long the load runs unless stopped earlier (the scenario's window).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A ramping load (<see cref="LoadOptions.Stages"/>) instead of the constant <c>ZD_TIMING__LOAD__RATE</c>; null: constant.</summary>
    public IReadOnlyList<LoadStage>? Stages { get; init; }

    /// <summary>Concurrency cap instead of <c>ZD_TIMING__LOAD__CONCURRENCY</c>; null: the setting.</summary>
    public int? Concurrency { get; init; }

    /// <summary>A node the k6 pod must not run on (the node the scenario drains).</summary>
    public string? AvoidNode { get; init; }

    /// <summary>
    /// On the embedded cluster: whether it can run an image (an image mapping exists). Null means it
    /// cannot run grafana/k6, which is the truth unless a test maps it.
    /// </summary>
    public Func<string, bool>? EmbeddedClusterRunsImage { get; init; }

    /// <summary>Narration; null for silence.</summary>
    public Action<string>? Log { get; init; }
}
