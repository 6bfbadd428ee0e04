using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Scenarios;

namespace ZeroDowntime.Tests;

/// <summary>What the RedisDisruption steps hand to each other.</summary>
public sealed class RedisDisruptionState : DisruptionState
{
    /// <summary>Looks at the Ray cluster taken while monitoring.</summary>
    public IReadOnlyList<RayClusterState> RaySamples { get; set; } = [];
}
