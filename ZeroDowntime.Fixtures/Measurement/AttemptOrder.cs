namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// The one ordering every measurement uses, so results never depend on input order: by start (or by
/// the moment seen, under <see cref="AttemptTime.Seen"/>),
/// then failures before successes (an instant at which any attempt succeeded is not downtime),
/// then source and sequence.
/// </summary>
internal static class AttemptOrder
{
    public static AttemptRecord[] Sorted(IEnumerable<AttemptRecord> attempts, AttemptTime basis = AttemptTime.Start)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var array = attempts.ToArray();
        Array.Sort(array, (a, b) => Compare(a, b, basis));
        return array;
    }

    private static int Compare(AttemptRecord a, AttemptRecord b, AttemptTime basis)
    {
        var byStart = a.At(basis).UtcTicks.CompareTo(b.At(basis).UtcTicks);
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
