using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Upgrades;

namespace ZeroDowntime.Tests;

/// <summary>What the RollingUpgrade steps hand to each other.</summary>
public sealed class RollingUpgradeState : DisruptionState
{
    /// <summary>The connection traffic and the upgrade (stopped and undone by the run's cleanup).</summary>
    public UpgradeRun? Upgrade { get; set; }

    /// <summary>The upgrade, or a clear error when step 1 did not start it.</summary>
    public UpgradeRun RequireUpgrade() => Upgrade ?? throw new InvalidOperationException("The connection traffic was not started: step 1 did not run.");
}
