namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>A span in which no ledger write was acknowledged: from the first unacknowledged attempt to the next acknowledged one.</summary>
/// <param name="Start">The first unacknowledged attempt.</param>
/// <param name="End">The next acknowledged attempt (or the last completion, when none followed).</param>
/// <param name="Writes">Writes attempted in it, none acknowledged.</param>
public sealed record WriteSpan(DateTimeOffset Start, DateTimeOffset End, int Writes)
{
    /// <summary>How long it lasted.</summary>
    public TimeSpan Duration => End - Start;
}
