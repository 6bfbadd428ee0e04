namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>One pod's termination: from the accepted eviction/delete to its DELETED event.</summary>
/// <param name="Pod">The pod key (uid or name) as the disruption marker named it.</param>
/// <param name="AcceptedAt">When the eviction or delete was accepted.</param>
/// <param name="DeletedAt">When the pod's DELETED event arrived; null if it never did in the timeline.</param>
public readonly record struct PodTermination(string Pod, DateTimeOffset AcceptedAt, DateTimeOffset? DeletedAt)
{
    /// <summary>Termination time; null when the pod was not deleted within the timeline.</summary>
    public TimeSpan? Duration => DeletedAt - AcceptedAt;
}
