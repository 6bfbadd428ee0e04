namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>How a role came back after a disruption; see <see cref="Recovery.Measure"/>.</summary>
/// <param name="Role">The role measured.</param>
/// <param name="ExpectedReady">The Ready count that means "recovered".</param>
/// <param name="AcceptedAt">When the disruptive call was accepted.</param>
/// <param name="DegradedAt">The first instant at or after <paramref name="AcceptedAt"/> with fewer Ready pods than expected; null if the count never dropped.</param>
/// <param name="RecoveredAt">When the count was back at the expected value (stably, if asked); null if it never was.</param>
/// <param name="MinimumReady">The lowest Ready count from <paramref name="AcceptedAt"/> to the recovery (or the end of the timeline).</param>
public sealed record RecoveryResult(
    string Role,
    int ExpectedReady,
    DateTimeOffset AcceptedAt,
    DateTimeOffset? DegradedAt,
    DateTimeOffset? RecoveredAt,
    int MinimumReady)
{
    /// <summary>True when the role was back at its expected Ready count.</summary>
    public bool Recovered => RecoveredAt is not null;

    /// <summary>Recovery time: <see cref="RecoveredAt"/> - <see cref="AcceptedAt"/>; null when not recovered.</summary>
    public TimeSpan? Duration => RecoveredAt - AcceptedAt;
}
