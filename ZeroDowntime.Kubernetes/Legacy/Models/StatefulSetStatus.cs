using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Observed state of a stateful set.</summary>
public sealed record StatefulSetStatus
{
    public long? ObservedGeneration { get; init; }
    public int Replicas { get; init; }
    public int? ReadyReplicas { get; init; }
    public int? CurrentReplicas { get; init; }
    public int? UpdatedReplicas { get; init; }
    public int? AvailableReplicas { get; init; }
    public string? CurrentRevision { get; init; }
    public string? UpdateRevision { get; init; }
    public int? CollisionCount { get; init; }
    public IReadOnlyList<StatefulSetCondition>? Conditions { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
