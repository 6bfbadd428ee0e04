using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// The load contract both generators honour (k6's <c>constant-arrival-rate</c>): <see cref="Rate"/>
/// attempts per second, open-loop, at most <see cref="MaxConcurrency"/> in flight (an attempt due
/// while the cap is reached is dropped and counted), for <see cref="Duration"/>. Defaults are the
/// seed's production load: 5 req/s, 10 concurrent clients, 10 minutes, 30 s request timeout.
/// </summary>
public sealed record LoadOptions
{
    /// <summary>What each attempt sends and how it is judged.</summary>
    public required InferenceRequest Request { get; init; }

    /// <summary>Attempts per second (the first stage's rate when <see cref="Stages"/> is set).</summary>
    public double Rate { get; init; } = 5;

    /// <summary>
    /// A ramping load instead of the constant <see cref="Rate"/> (k6's <c>ramping-arrival-rate</c>, as steps):
    /// each stage's rate for its duration; the last stage's rate holds until the load stops or <see cref="Duration"/> ends.
    /// </summary>
    public IReadOnlyList<LoadStage>? Stages { get; init; }

    /// <summary>Most attempts in flight at once (k6's maxVUs).</summary>
    public int MaxConcurrency { get; init; } = 10;

    /// <summary>How long the load runs unless stopped earlier.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Each attempt's timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Connection reuse; keep-alive by default, like k6's VUs.</summary>
    public ConnectionMode ConnectionMode { get; init; } = ConnectionMode.KeepAlive;
}
