namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// The one ordering every measurement uses, so results never depend on input order: by start,
/// then failures before successes (an instant at which any attempt succeeded is not downtime),
/// then source and sequence.
/// </summary>
internal static class AttemptOrder
{
    public static AttemptRecord[] Sorted(IEnumerable<AttemptRecord> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var array = attempts.ToArray();
        Array.Sort(array, Compare);
        return array;
    }

    private static int Compare(AttemptRecord a, AttemptRecord b)
    {
        var byStart = a.Start.UtcTicks.CompareTo(b.Start.UtcTicks);
        if (byStart != 0)
        {
            return byStart;
        }

        var byOutcome = a.Succeeded.CompareTo(b.Succeeded); // false (failure) sorts first
        if (byOutcome != 0)
        {
            return byOutcome;
        }

        var bySource = string.CompareOrdinal(a.Source, b.Source);
        return bySource != 0 ? bySource : a.Sequence.CompareTo(b.Sequence);
    }
}
