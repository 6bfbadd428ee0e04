namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>
/// The verdict on a ledger, by the definitions of Jepsen's set checker: from the attempted writes, the acknowledged
/// writes and the final read. Valid when nothing acknowledged was lost and nothing unexpected appeared. Entry lists
/// are sorted and capped (<see cref="LedgerChecker.ListCap"/>); the counts are exact.
/// </summary>
public sealed record LedgerCheck
{
    /// <summary>Distinct entries the writer sent.</summary>
    public required long Attempted { get; init; }

    /// <summary>Distinct entries the client counted as stored.</summary>
    public required long Acknowledged { get; init; }

    /// <summary>Attempted entries that are in the final read (final ∩ attempted).</summary>
    public required long Ok { get; init; }

    /// <summary>Acknowledged entries missing from the final read (acknowledged − final): data loss.</summary>
    public required long Lost { get; init; }

    /// <summary>Entries that were not acknowledged but are in the final read (ok − acknowledged).</summary>
    public required long Recovered { get; init; }

    /// <summary>Entries in the final read that were never attempted (final − attempted).</summary>
    public required long Unexpected { get; init; }

    /// <summary>Attempted entries that were not acknowledged (failed or timed out), whatever became of them.</summary>
    public long Unacknowledged => Attempted - Acknowledged;

    /// <summary>Entries the final read returned more than once (a set never should).</summary>
    public required long Duplicated { get; init; }

    /// <summary>Acknowledged after the final read was answered: the read cannot judge them, so they are not counted lost.</summary>
    public required long AcknowledgedAfterRead { get; init; }

    /// <summary>The lost entries, sorted, at most <see cref="LedgerChecker.ListCap"/>.</summary>
    public required IReadOnlyList<long> LostEntries { get; init; }

    /// <summary>The unexpected entries, sorted, at most <see cref="LedgerChecker.ListCap"/>.</summary>
    public required IReadOnlyList<long> UnexpectedEntries { get; init; }

    /// <summary>The duplicated entries, sorted, at most <see cref="LedgerChecker.ListCap"/>.</summary>
    public required IReadOnlyList<long> DuplicatedEntries { get; init; }

    /// <summary>Jepsen's verdict: nothing lost, nothing unexpected.</summary>
    public bool Valid => Lost == 0 && Unexpected == 0;

    /// <summary>One line: <c>412 attempted, 398 acknowledged, 0 lost, 3 recovered, 0 unexpected</c>.</summary>
    public override string ToString() =>
        $"{Attempted} attempted, {Acknowledged} acknowledged, {Lost} lost, {Recovered} recovered, {Unexpected} unexpected" +
        (Duplicated > 0 ? $", {Duplicated} duplicated" : "") + (AcknowledgedAfterRead > 0 ? $", {AcknowledgedAfterRead} acknowledged after the read" : "");
}
