using k8s.Models;
using ZeroDowntime.Fixtures.Disruptions;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Tests;

/// <summary>What the NodeDrain steps hand to each other.</summary>
public sealed class NodeDrainState : DisruptionState
{
    /// <summary>The node being drained.</summary>
    public string? Node { get; set; }

    /// <summary>The worker pod on it.</summary>
    public V1Pod? Worker { get; set; }

    /// <summary>The drainer (keeps every eviction's record).</summary>
    public NodeDrainer? Drainer { get; set; }

    /// <summary>The answer to evicting a second worker while the first was disrupted.</summary>
    public EvictionResult? SecondEviction { get; set; }

    /// <summary>The second worker the budget proof tried to evict.</summary>
    public V1Pod? SecondWorker { get; set; }

    /// <summary>The drain's outcome.</summary>
    public DrainResult? Drain { get; set; }
}
