using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Observed state of a deployment.</summary>
public sealed record DeploymentStatus
{
    public long? ObservedGeneration { get; init; }
    public int? Replicas { get; init; }
    public int? UpdatedReplicas { get; init; }
    public int? ReadyReplicas { get; init; }
    public int? AvailableReplicas { get; init; }
    public int? UnavailableReplicas { get; init; }
    public IReadOnlyList<DeploymentCondition>? Conditions { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
