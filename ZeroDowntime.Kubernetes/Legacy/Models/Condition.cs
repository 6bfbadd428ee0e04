using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A standard condition (metav1.Condition), e.g. a PDB's DisruptionAllowed.</summary>
public sealed record Condition
{
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public long? ObservedGeneration { get; init; }
    public DateTimeOffset? LastTransitionTime { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
