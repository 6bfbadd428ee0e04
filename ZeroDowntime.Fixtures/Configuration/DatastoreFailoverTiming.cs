namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>DatastoreFailover: kill the datastore's primary under writes; a new primary, RTO, no acknowledged write lost.</summary>
public sealed class DatastoreFailoverTiming
{
    /// <summary>The longest the run is watched after the kill.</summary>
    [Setting("MONITORING_WINDOW", "Longest watch after the kill; ends earlier once the replicas are back plus the settle period.",
        LocalDefault = "30s", ProductionDefault = "5m")]
    public TimeSpan MonitoringWindow { get; init; }

    /// <summary>The Sentinels must name a new primary within this time of the kill.</summary>
    [Setting("NEW_PRIMARY_WITHIN", "The Sentinels must name a new primary within this time of the kill.", Default = "30s")]
    public TimeSpan NewPrimaryWithin { get; init; }

    /// <summary>RTO: the gap between the last write the killed primary acknowledged and the first a new primary acknowledged must stay below this.</summary>
    [Setting("RTO_BELOW", "RTO: the gap between the last ledger write the killed primary acknowledged and the first a new primary acknowledged must stay below this.",
        Default = "30s")]
    public TimeSpan RtoBelow { get; init; }

    /// <summary>The primary must again have every replica (the killed pod's replacement among them) within this time of the kill.</summary>
    [Setting("REPLICAS_REATTACHED_WITHIN", "The new primary must have all replicas online again, the killed pod's replacement among them, within this time of the kill.",
        LocalDefault = "30s", ProductionDefault = "60s")]
    public TimeSpan ReplicasReattachedWithin { get; init; }

    /// <summary>The service's success rate during the failover must be above this percentage.</summary>
    [Setting("SUCCESS_RATE_ABOVE", "The service's success rate during the failover must be above this percentage.",
        Default = "95", Minimum = 0, Maximum = 100)]
    public double SuccessRateAbovePercent { get; init; }

    /// <summary>Ledger writes started per second.</summary>
    [Setting("WRITE_RATE", "Ledger writes started per second (one at a time, paced).", Default = "50", Minimum = 0.1, Maximum = 1000)]
    public double WriteRatePerSecond { get; init; }

    /// <summary>A ledger write (with its acknowledgement) slower than this counts as not acknowledged.</summary>
    [Setting("WRITE_TIMEOUT", "A ledger write, acknowledgement included, slower than this counts as not acknowledged.",
        LocalDefault = "1s", ProductionDefault = "2s")]
    public TimeSpan WriteTimeout { get; init; }

    /// <summary>When a write counts as stored.</summary>
    [Setting("ACKNOWLEDGE", "When a ledger write counts as stored: replica (WAIT 1 confirms a replica has it) or primary (the primary took it).",
        Default = "replica")]
    public WriteAcknowledgement Acknowledge { get; init; }

    /// <summary>How long WAIT waits for a replica's acknowledgement.</summary>
    [Setting("REPLICA_ACK_TIMEOUT", "How long WAIT 1 waits for a replica to confirm a ledger write (keep it below WRITE_TIMEOUT).",
        LocalDefault = "500ms", ProductionDefault = "1s")]
    public TimeSpan ReplicaAckTimeout { get; init; }

    /// <summary>How the primary is killed.</summary>
    [Setting("KILL", "How the primary is killed: delete (grace KILL_GRACE_PERIOD), force-delete (grace 0) or sigkill (its process; needs a cluster hook).",
        Default = "delete")]
    public DatastoreKill Kill { get; init; }

    /// <summary>The grace period of <c>KILL=delete</c>.</summary>
    [Setting("KILL_GRACE_PERIOD", "Grace period of KILL=delete.", Default = "1s")]
    public TimeSpan KillGracePeriod { get; init; }

    /// <summary>Negative control: cut the replicas off the primary this long before the kill; null (unset): never.</summary>
    [Setting("CUT_REPLICATION_BEFORE_KILL", "Negative control: point the replicas away from the primary this long before the kill, so writes acknowledged meanwhile exist only on the primary; unset: never.")]
    public TimeSpan? CutReplicationBeforeKill { get; init; }

    /// <summary>How often the Sentinels and the primary are asked while waiting (they have no watch).</summary>
    [Setting("POLL_INTERVAL", "How often the Sentinels and the primary are asked while waiting (they have no watch).",
        LocalDefault = "200ms", ProductionDefault = "1s")]
    public TimeSpan PollInterval { get; init; }
}
