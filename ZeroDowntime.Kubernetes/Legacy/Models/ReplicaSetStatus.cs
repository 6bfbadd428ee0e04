using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Observed state of a replica set.</summary>
public sealed record ReplicaSetStatus
{
    public int Replicas { get; init; }
    public int? FullyLabeledReplicas { get; init; }
    public int? ReadyReplicas { get; init; }
    public int? AvailableReplicas { get; init; }
    public long? ObservedGeneration { get; init; }
    public IReadOnlyList<ReplicaSetCondition>? Conditions { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
