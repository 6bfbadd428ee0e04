using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>The scenario load (k6 Job or built-in generator): rate, concurrency and time limits.</summary>
public sealed class LoadTiming
{
    /// <summary>Requests started per second (open-loop, like k6's constant-arrival-rate).</summary>
    [Setting("RATE", "Requests started per second (open-loop arrival rate).", Default = "5", Minimum = 0.1, Maximum = 10000)]
    public double RatePerSecond { get; init; }

    /// <summary>Concurrent clients (k6 VUs).</summary>
    [Setting("CONCURRENCY", "Concurrent clients (k6 VUs).", Default = "10", Minimum = 1, Maximum = 10000)]
    public int Concurrency { get; init; }

    /// <summary>
    /// Connection reuse. Keep-alive (k6's default) pins each client to the backend its connection
    /// reached; fresh-connection (k6's <c>noConnectionReuse</c>) lets the load balancer place every
    /// request, like clients that connect per call.
    /// </summary>
    [Setting("MODE", "keep-alive reuses one connection per client (k6's default); fresh-connection opens one per request (k6's noConnectionReuse), so every request is placed by the load balancer.",
        Default = "keep-alive")]
    public ConnectionMode Mode { get; init; }

    /// <summary>A load request slower than this counts as failed.</summary>
    [Setting("REQUEST_TIMEOUT", "A load request slower than this counts as failed.", LocalDefault = "5s", ProductionDefault = "30s")]
    public TimeSpan RequestTimeout { get; init; }

    /// <summary>How long the load generator may take to start sending (k6 image pull, pod scheduling).</summary>
    [Setting("START_TIMEOUT", "How long the load generator may take to start sending (image pull, scheduling).",
        LocalDefault = "30s", ProductionDefault = "5m")]
    public TimeSpan StartTimeout { get; init; }

    /// <summary>The k6 Job's activeDeadlineSeconds: a safety net if the suite dies without stopping it.</summary>
    [Setting("JOB_DEADLINE", "activeDeadlineSeconds of the k6 Job: a safety net if the suite dies without stopping it.",
        LocalDefault = "10m", ProductionDefault = "1h")]
    public TimeSpan JobDeadline { get; init; }
}
