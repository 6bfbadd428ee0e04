using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Scenarios;

namespace ZeroDowntime.Tests;

/// <summary>What the HeadDisruption steps hand to each other.</summary>
public sealed class HeadDisruptionState : DisruptionState
{
    /// <summary>The head pod that was deleted.</summary>
    public string? OldHeadPod { get; set; }

    /// <summary>The old head's own Ray node id (tells the new head's answers from the old one's).</summary>
    public string? OldHeadNodeId { get; set; }

    /// <summary>Looks at the Ray cluster until every worker was ALIVE on the new head (started at the deletion).</summary>
    public Task<(RayClusterState? Accepted, RayClusterState Last)>? Reconnection { get; set; }
}
