namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>
/// One write of the ledger: entry <paramref name="Sequence"/> (unique, increasing) was sent at
/// <paramref name="AttemptedAt"/>; <paramref name="AcknowledgedAt"/> is when the client counted it as stored
/// (null: it failed, timed out or was refused: it may still have been stored, see <see cref="LedgerCheck.Recovered"/>).
/// </summary>
/// <param name="Sequence">The entry, unique per run of the writer.</param>
/// <param name="AttemptedAt">When the write was sent.</param>
/// <param name="CompletedAt">When the client stopped waiting for it (acknowledged, failed or timed out).</param>
/// <param name="AcknowledgedAt">When it was acknowledged; null when it was not.</param>
/// <param name="Primary">The address the write went to (the primary the Sentinels named); null when none was found.</param>
/// <param name="Detail">Why it was not acknowledged (<c>WAIT: 0 replicas within 1000 ms</c>, <c>Connection refused</c>); null when it was.</param>
public sealed record LedgerAttempt(long Sequence, DateTimeOffset AttemptedAt, DateTimeOffset CompletedAt, DateTimeOffset? AcknowledgedAt, string? Primary, string? Detail)
{
    /// <summary>True when the client counted the write as stored.</summary>
    public bool Acknowledged => AcknowledgedAt is not null;
}
