using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Stabilisation window and rate policies for one direction.</summary>
public sealed record HpaScalingRules
{
    public int? StabilizationWindowSeconds { get; init; }
    public string? SelectPolicy { get; init; }
    public IReadOnlyList<HpaScalingPolicy>? Policies { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
