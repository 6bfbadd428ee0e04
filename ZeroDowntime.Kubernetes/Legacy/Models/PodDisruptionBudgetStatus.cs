using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Computed by the disruption controller.</summary>
public sealed record PodDisruptionBudgetStatus
{
    public long? ObservedGeneration { get; init; }
    public int CurrentHealthy { get; init; }
    public int DesiredHealthy { get; init; }
    public int DisruptionsAllowed { get; init; }
    public int ExpectedPods { get; init; }
    /// <summary>Pods evicted but not yet gone, with the eviction time.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset>? DisruptedPods { get; init; }
    public IReadOnlyList<Condition>? Conditions { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
