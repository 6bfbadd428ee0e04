namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>
/// RollingUpgrade: connection-level traffic through a rolling image upgrade. The production numbers
/// are the reference upgrade test's: 80 connections at 5 requests/s each, 6 s before and after the
/// upgrade, at most one lost connection per connection open on an old pod (here with a 1.5 factor).
/// </summary>
public sealed class RollingUpgradeTiming
{
    /// <summary>Connections and load run this long before the image is changed.</summary>
    [Setting("BASELINE", "Connections and load run this long before the image is changed.",
        LocalDefault = "2s", ProductionDefault = "6s")]
    public TimeSpan Baseline { get; init; }

    /// <summary>Traffic keeps running this long after the rollout completed and the last old pod is gone.</summary>
    [Setting("SETTLE", "Traffic keeps running this long after the rollout completed and the last old pod is gone.",
        LocalDefault = "2s", ProductionDefault = "6s")]
    public TimeSpan Settle { get; init; }

    /// <summary>The rollout must be complete (as <c>kubectl rollout status</c> says) within this time of the image change.</summary>
    [Setting("ROLLOUT_DEADLINE", "The rollout must be complete (as kubectl rollout status says) within this time of the image change.",
        LocalDefault = "60s", ProductionDefault = "10m")]
    public TimeSpan RolloutDeadline { get; init; }

    /// <summary>Long-lived TCP connections kept open through the upgrade.</summary>
    [Setting("CONNECTIONS", "Long-lived TCP connections kept open through the upgrade.", Default = "80", Minimum = 1, Maximum = 5000)]
    public int Connections { get; init; }

    /// <summary>Requests per second on each connection.</summary>
    [Setting("CONNECTION_RATE", "Requests per second on each connection (keep it at 5 or more: TCP retransmits hide slower losses).",
        Default = "5", Minimum = 0.1, Maximum = 1000)]
    public double ConnectionRate { get; init; }

    /// <summary>Longest wait for a connect and the server's greeting.</summary>
    [Setting("CONNECT_TIMEOUT", "Longest wait for a connect and the server's greeting; a connect that takes longer failed.",
        Default = "1500ms")]
    public TimeSpan ConnectTimeout { get; init; }

    /// <summary>Longest wait for an answer; a connection that misses it is given up and counts as lost.</summary>
    [Setting("READ_DEADLINE", "Longest wait for an answer; a connection that misses it is given up and counts as lost.",
        Default = "1s")]
    public TimeSpan ReadDeadline { get; init; }

    /// <summary>Lost connections may be at most this many times the connections open on old pods when the upgrade began.</summary>
    [Setting("LOST_CONNECTIONS_FACTOR", "Lost connections may be at most this many times the connections open on old pods when the upgrade began (1 is the perfect score).",
        Default = "1.5", Minimum = 1, Maximum = 100)]
    public double LostConnectionsFactor { get; init; }

    /// <summary>
    /// The HTTP load's success rate during the upgrade must be above this percentage: 90, as SequentialDisruptions,
    /// which also replaces every worker (each draining worker may answer a keep-alive request with 503).
    /// </summary>
    [Setting("SUCCESS_RATE_ABOVE", "Success rate of the HTTP load during the upgrade must be above this percentage (as SequentialDisruptions, which also replaces every worker).",
        Default = "90", Minimum = 0, Maximum = 100)]
    public double SuccessRateAbovePercent { get; init; }
}
