namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>The final read of the ledger after recovery: every entry the datastore holds, in the order it returned them, and when.</summary>
/// <param name="Entries">The entries read (a repeated entry is kept as often as it was read).</param>
/// <param name="ReadAt">When the read was answered.</param>
/// <param name="Source">Where it was read (the primary's address).</param>
public sealed record LedgerRead(IReadOnlyList<long> Entries, DateTimeOffset ReadAt, string Source);
