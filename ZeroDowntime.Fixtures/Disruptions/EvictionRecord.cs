namespace ZeroDowntime.Fixtures.Disruptions;

/// <summary>One pod's eviction during a drain.</summary>
/// <param name="Pod">Pod name.</param>
/// <param name="Uid">Pod uid.</param>
/// <param name="AcceptedAt">When the eviction was accepted; null if it never was.</param>
/// <param name="Refusals">How many attempts the budget refused (429) before that.</param>
/// <param name="LastRefusal">The server's message on the last refusal, if any.</param>
public sealed record EvictionRecord(string Pod, string? Uid, DateTimeOffset? AcceptedAt, int Refusals, string? LastRefusal);
