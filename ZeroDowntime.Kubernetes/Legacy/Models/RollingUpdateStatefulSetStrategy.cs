using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Only ordinals at or above the partition are updated.</summary>
public sealed record RollingUpdateStatefulSetStrategy
{
    public int? Partition { get; init; }
    public IntOrString? MaxUnavailable { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
