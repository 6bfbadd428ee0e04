namespace ZeroDowntime.Fixtures.Upgrades;

/// <summary>The Deployment's status at one moment of a rollout (each change the watch saw).</summary>
/// <param name="Time">When the watch event arrived.</param>
/// <param name="Updated">status.updatedReplicas.</param>
/// <param name="Ready">status.readyReplicas.</param>
/// <param name="Available">status.availableReplicas.</param>
/// <param name="Total">status.replicas (old and new, not terminating).</param>
public sealed record RolloutStep(DateTimeOffset Time, int Updated, int Ready, int Available, int Total)
{
    /// <summary><c>2 of 3 updated, 3 available, 4 total</c>.</summary>
    public string Describe(int replicas) => $"{Updated} of {replicas} updated, {Available} available, {Total} total";
}
