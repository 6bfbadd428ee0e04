using ZeroDowntime.Fixtures.Datastore;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// What a datastore failover produced, for the reports (<see cref="ScenarioResult.Datastore"/>): the killed and the new
/// primary, the failover window, the RTO, the ledger's verdict and its write timeline. Every field is optional: a
/// scenario that stopped half-way reports what it measured.
/// </summary>
public sealed class DatastoreReport
{
    /// <summary>When a write counted as stored: <c>replica</c> (WAIT 1) or <c>primary</c>.</summary>
    public string Acknowledge { get; set; } = "";

    /// <summary>How the primary was killed (<c>delete, grace 1 s</c>).</summary>
    public string? Kill { get; set; }

    /// <summary>The primary that was killed: <c>redis-0 (127.10.0.5:6379)</c>.</summary>
    public string? OldPrimary { get; set; }

    /// <summary>The primary the Sentinels named after the kill.</summary>
    public string? NewPrimary { get; set; }

    /// <summary>When the kill was accepted.</summary>
    public DateTimeOffset? KilledAt { get; set; }

    /// <summary>When the Sentinels were first seen naming the new primary.</summary>
    public DateTimeOffset? NewPrimaryAt { get; set; }

    /// <summary>When the new primary had all its replicas online again, the killed pod's replacement among them.</summary>
    public DateTimeOffset? ReplicasReattachedAt { get; set; }

    /// <summary>The RTO: last acknowledged write before the kill, first after it.</summary>
    public WriteGap? Rto { get; set; }

    /// <summary>The ledger's verdict (Jepsen's set checker).</summary>
    public LedgerCheck? Ledger { get; set; }

    /// <summary>Per second: acknowledged, failed and lost writes.</summary>
    public IReadOnlyList<WriteSecond> WriteTimeline { get; set; } = [];

    /// <summary>The spans with no acknowledged write.</summary>
    public IReadOnlyList<WriteSpan> UnacknowledgedSpans { get; set; } = [];

    /// <summary>The raw ledger's file name, in the results folder.</summary>
    public string? LedgerFile { get; set; }

    /// <summary>Kill to new primary; null until both are known.</summary>
    public TimeSpan? FailoverTime => NewPrimaryAt - KilledAt;

    /// <summary>Kill to replicas reattached; null until both are known.</summary>
    public TimeSpan? ReattachTime => ReplicasReattachedAt - KilledAt;
}
