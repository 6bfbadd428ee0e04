namespace ZeroDowntime.Fixtures.Upgrades;

/// <summary>An image change the API accepted: what changed, when, and the rollout parameters it runs under.</summary>
/// <param name="Deployment">The Deployment.</param>
/// <param name="Container">The container whose image changed.</param>
/// <param name="OldImage">Its image before.</param>
/// <param name="NewImage">Its image now.</param>
/// <param name="Generation">The Deployment's generation after the change: the rollout is complete once the controller observed it and every replica is updated and available.</param>
/// <param name="AcceptedAt">When the API accepted the patch.</param>
/// <param name="Replicas">spec.replicas.</param>
/// <param name="MaxSurge">maxSurge resolved against the replicas (rounded up).</param>
/// <param name="MaxUnavailable">maxUnavailable resolved against the replicas (rounded down; 1 when both are 0, as the controller does).</param>
/// <param name="Selector">The Deployment's pod selector as text.</param>
public sealed record ImageChange(
    string Deployment,
    string Container,
    string OldImage,
    string NewImage,
    long Generation,
    DateTimeOffset AcceptedAt,
    int Replicas,
    int MaxSurge,
    int MaxUnavailable,
    string Selector)
{
    /// <summary>The fewest Ready pods the rollout may leave: replicas − maxUnavailable.</summary>
    public int MinReady => Math.Max(0, Replicas - MaxUnavailable);
}
