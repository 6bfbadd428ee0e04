namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>What the Sentinels said about the primary.</summary>
/// <param name="Primary">The primary's host:port; null when no Sentinel named one.</param>
/// <param name="Sentinel">The Sentinel that answered.</param>
/// <param name="Problem">Why none named one (the last Sentinel's failure); null when one did.</param>
public sealed record SentinelAnswer(string? Primary, string? Sentinel, string? Problem);
