using ZeroDowntime.Fixtures.Disruptions;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.Kubernetes.Legacy;
using ZeroDowntime.Kubernetes.Legacy.Models;
using ZeroDowntime.Fixtures.Scenarios;

namespace ZeroDowntime.Tests;

/// <summary>What the NodeDrain steps hand to each other.</summary>
public sealed class NodeDrainState : DisruptionState
{
    /// <summary>The node being drained.</summary>
    public string? Node { get; set; }

    /// <summary>The worker pod on it.</summary>
    public Pod? Worker { get; set; }

    /// <summary>The drainer (keeps every eviction's record).</summary>
    public NodeDrainer? Drainer { get; set; }

    /// <summary>The answer to evicting a second worker while the first was disrupted.</summary>
    public LegacyEvictionResult? SecondEviction { get; set; }

    /// <summary>The second worker the budget proof tried to evict.</summary>
    public Pod? SecondWorker { get; set; }

    /// <summary>The drain's outcome.</summary>
    public DrainResult? Drain { get; set; }
}
