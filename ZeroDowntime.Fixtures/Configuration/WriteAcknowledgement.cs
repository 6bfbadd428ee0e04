namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>When the ledger writer counts a write as stored (<c>ZD_TIMING__DATASTORE_FAILOVER__ACKNOWLEDGE</c>).</summary>
public enum WriteAcknowledgement
{
    /// <summary><c>replica</c>: the primary took it and <c>WAIT 1</c> confirmed that at least one replica has it.</summary>
    Replica,

    /// <summary><c>primary</c>: the primary took it (asynchronous replication; a failover can lose it).</summary>
    Primary,
}
