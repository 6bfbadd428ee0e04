namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>
/// Jepsen's set checker over a ledger: attempted, acknowledged, ok = final ∩ attempted, lost = acknowledged − final,
/// recovered = ok − acknowledged, unexpected = final − attempted. A pure function: the same ledger gives the same verdict.
/// </summary>
/// <example><code>
/// var check = LedgerChecker.Check(writer.Attempts, await datastore.ReadLedgerAsync(key));
/// check.Valid.Should().BeTrue(check.ToString());
/// </code></example>
public static class LedgerChecker
{
    /// <summary>Lost, unexpected and duplicated entries listed at most (the counts stay exact).</summary>
    public const int ListCap = 50;

    /// <summary>Judges <paramref name="attempts"/> against <paramref name="final"/>.</summary>
    public static LedgerCheck Check(IEnumerable<LedgerAttempt> attempts, LedgerRead final)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(final);
        var all = attempts.ToList();
        var attempted = all.Select(a => a.Sequence).ToHashSet();
        // A sequence written twice counts once, acknowledged if any of its writes was.
        var acknowledged = all.Where(a => a.Acknowledged).GroupBy(a => a.Sequence).ToDictionary(g => g.Key, g => g.Min(a => a.AcknowledgedAt!.Value));
        var read = final.Entries.GroupBy(e => e).ToDictionary(g => g.Key, g => g.Count());
        var ok = read.Keys.Where(attempted.Contains).ToHashSet();
        var late = acknowledged.Where(a => a.Value > final.ReadAt).Select(a => a.Key).ToHashSet();
        var lost = acknowledged.Keys.Where(e => !read.ContainsKey(e) && !late.Contains(e)).Order().ToList();
        var unexpected = read.Keys.Where(e => !attempted.Contains(e)).Order().ToList();
        var duplicated = read.Where(r => r.Value > 1).Select(r => r.Key).Order().ToList();
        return new LedgerCheck
        {
            Attempted = attempted.Count,
            Acknowledged = acknowledged.Count,
            Ok = ok.Count,
            Lost = lost.Count,
            Recovered = ok.Count(e => !acknowledged.ContainsKey(e)),
            Unexpected = unexpected.Count,
            Duplicated = duplicated.Count,
            AcknowledgedAfterRead = late.Count,
            LostEntries = lost.Take(ListCap).ToList(),
            UnexpectedEntries = unexpected.Take(ListCap).ToList(),
            DuplicatedEntries = duplicated.Take(ListCap).ToList(),
        };
    }

    /// <summary>Entries as <c>#12, #13, #14 and 40 more</c> (the list is capped; <paramref name="total"/> is the exact count).</summary>
    public static string Describe(IReadOnlyList<long> entries, long total)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var shown = entries.Take(10).Select(e => $"#{e}").ToList();
        var more = total - shown.Count;
        return shown.Count == 0 ? "none" : string.Join(", ", shown) + (more > 0 ? $" and {more} more" : "");
    }
}
