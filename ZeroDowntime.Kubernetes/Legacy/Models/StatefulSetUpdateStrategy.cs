using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>RollingUpdate (with a partition) or OnDelete.</summary>
public sealed record StatefulSetUpdateStrategy
{
    public string? Type { get; init; }
    public RollingUpdateStatefulSetStrategy? RollingUpdate { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
