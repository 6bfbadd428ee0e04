using ZeroDowntime.Fixtures.Cluster;

namespace ZeroDowntime.Fixtures.Upgrades;

/// <summary>What an <see cref="UpgradeRun"/> upgrades, how long it may take, and where its undo goes.</summary>
public sealed record UpgradeRunOptions
{
    /// <summary>The Deployment to upgrade.</summary>
    public required string Deployment { get; init; }

    /// <summary>Its container to change (null: the first).</summary>
    public string? Container { get; init; }

    /// <summary>The image to change to.</summary>
    public required string Image { get; init; }

    /// <summary>The Service the connections go through (its scheduler annotation is reported).</summary>
    public required string Service { get; init; }

    /// <summary>True on the embedded cluster, whose load balancer honours the scheduler annotation.</summary>
    public bool EmbeddedCluster { get; init; }

    /// <summary>Connections must be established within this (ZD_TIMING__LOAD__START_TIMEOUT).</summary>
    public TimeSpan TrafficStartDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The rollout must complete within this of the image change (ZD_TIMING__ROLLING_UPGRADE__ROLLOUT_DEADLINE).</summary>
    public TimeSpan RolloutDeadline { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Traffic goes on this long after the rollout (ZD_TIMING__ROLLING_UPGRADE__SETTLE).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Where the image's restore is registered (run when the scenario ends); null: the original image is left upgraded.</summary>
    public CleanupStack? Cleanup { get; init; }

    /// <summary>Narration.</summary>
    public Action<string> Narrate { get; init; } = _ => { };

    /// <summary>The scenario whose mandated waits the settle time adds to (null: not counted).</summary>
    public Reporting.ScenarioResult? Result { get; init; }
}
