namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>
/// The RTO of a datastore failover, as CloudNativePG's tests measure it (last row written on the old timeline, first on
/// the new one): from the last write the killed primary acknowledged to the first write acknowledged after it by
/// another primary. The killed primary's last acknowledgement is "before the kill" in effect: the API accepts a
/// graceful delete before the process stops (up to the grace period), and writes acknowledged meanwhile count as before.
/// </summary>
/// <param name="KilledAt">When the kill was accepted.</param>
/// <param name="KilledPrimary">The killed primary's address (host:port).</param>
/// <param name="LastBefore">The killed primary's last acknowledged write; null when it acknowledged none.</param>
/// <param name="FirstAfter">The first write another primary acknowledged after that; null when none did (no recovery seen).</param>
public sealed record WriteGap(DateTimeOffset KilledAt, string? KilledPrimary, LedgerAttempt? LastBefore, LedgerAttempt? FirstAfter)
{
    /// <summary>The RTO; null when either side is missing.</summary>
    public TimeSpan? Gap => LastBefore?.AcknowledgedAt is { } before && FirstAfter?.AcknowledgedAt is { } after ? after - before : null;

    /// <summary>Measures the gap over <paramref name="attempts"/> for the primary at <paramref name="killedPrimary"/>, killed at <paramref name="killedAt"/>.</summary>
    public static WriteGap Measure(IEnumerable<LedgerAttempt> attempts, DateTimeOffset killedAt, string? killedPrimary)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var acknowledged = attempts.Where(a => a.Acknowledged).OrderBy(a => a.AcknowledgedAt).ToList();
        var lastBefore = acknowledged.LastOrDefault(a => a.Primary == killedPrimary) ?? acknowledged.LastOrDefault(a => a.AcknowledgedAt <= killedAt);
        var from = lastBefore?.AcknowledgedAt ?? killedAt;
        var firstAfter = acknowledged.FirstOrDefault(a => a.AcknowledgedAt > from && a.AcknowledgedAt > killedAt && a.Primary != killedPrimary);
        return new WriteGap(killedAt, killedPrimary, lastBefore, firstAfter);
    }
}
