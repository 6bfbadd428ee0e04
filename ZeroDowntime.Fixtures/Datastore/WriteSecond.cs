namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>The ledger writes attempted in one second: how many were acknowledged, how many not, and how many acknowledged ones were lost.</summary>
/// <param name="Second">The second's start (UTC, whole seconds).</param>
/// <param name="Acknowledged">Writes attempted in it and acknowledged.</param>
/// <param name="Failed">Writes attempted in it and not acknowledged.</param>
/// <param name="Lost">Of <paramref name="Acknowledged"/>, those missing from the final read.</param>
public sealed record WriteSecond(DateTimeOffset Second, int Acknowledged, int Failed, int Lost);
