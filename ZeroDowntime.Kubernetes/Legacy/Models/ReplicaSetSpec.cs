using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Desired state of a replica set.</summary>
public sealed record ReplicaSetSpec
{
    public int? Replicas { get; init; }
    public int? MinReadySeconds { get; init; }
    public LabelSelector? Selector { get; init; }
    public PodTemplateSpec? Template { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
