using ZeroDowntime.Fixtures.Connections;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Upgrades;
using ZeroDowntime.MockVllm.Connections;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// The connection-level evidence of a rolling upgrade (RollingUpgrade): the records of every
/// connection, which pods were old, the image change and the rollout's steps, and the Deployment's
/// pod events. summary.json writes it under <c>connections</c>, the console prints its per-pod tables,
/// report.html draws connections per pod over time, and <c>&lt;key&gt;.connections.jsonl</c> holds the records.
/// </summary>
public sealed class ConnectionReport
{
    /// <summary>The Service the connections went through.</summary>
    public required string Service { get; init; }

    /// <summary>How the load balancer spread connections: <c>lc</c>, <c>rr</c>, with where that came from.</summary>
    public required string Scheduler { get; init; }

    /// <summary>Where the traffic ran: <c>builtin</c> or <c>job</c>.</summary>
    public required string Generator { get; init; }

    /// <summary>Where the connections went.</summary>
    public required string Target { get; init; }

    /// <summary>Connections kept open.</summary>
    public required int Connections { get; init; }

    /// <summary>Requests per second per connection.</summary>
    public required double Rate { get; init; }

    /// <summary>The rollout deadline the verdict used.</summary>
    public TimeSpan RolloutDeadline { get; init; }

    /// <summary>The image change, once made.</summary>
    public ImageChange? Change { get; set; }

    /// <summary>The Deployment's pods when the image changed (by name).</summary>
    public IReadOnlySet<string> OldPods { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The rollout, once watched.</summary>
    public RolloutResult? Rollout { get; set; }

    /// <summary>When the last old pod was gone; null if one was still there.</summary>
    public DateTimeOffset? OldPodsGoneAt { get; set; }

    /// <summary>Every connection's record (snapshot; complete after the traffic stopped).</summary>
    public IReadOnlyList<ConnectionRecord> Records { get; set; } = [];

    /// <summary>Pod events of the Deployment's pods (role = the Deployment's name).</summary>
    public IReadOnlyList<ClusterEvent> PodEvents { get; set; } = [];

    /// <summary>When the traffic stopped (the end of the observation).</summary>
    public DateTimeOffset? StoppedAt { get; set; }

    /// <summary>The analysis of <see cref="Records"/>; null before the image changed.</summary>
    public ConnectionAnalysis? Analysis => Change is { } change ? ConnectionAnalysis.Of(Records, OldPods, change.AcceptedAt) : null;

    /// <summary>The role name the Deployment's pod events carry.</summary>
    public string Role => Change?.Deployment ?? "deployment";
}
