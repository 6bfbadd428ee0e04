using ZeroDowntime.Fixtures.Chaos;
using ZeroDowntime.Fixtures.Scenarios;

namespace ZeroDowntime.Tests;

/// <summary>What the NetworkPartition steps hand to each other.</summary>
public sealed class NetworkPartitionState : DisruptionState
{
    /// <summary>The partition's plumbing (second probe, policy, looks), set by step 1.</summary>
    public PartitionRun? Partition { get; set; }

    /// <summary>The partition, or a clear error when step 1 did not start it.</summary>
    public PartitionRun RequirePartition() => Partition ?? throw new InvalidOperationException("The partition run was not started: step 1 did not run.");
}
