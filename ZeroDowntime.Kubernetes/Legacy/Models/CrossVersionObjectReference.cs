using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>The scaled workload.</summary>
public sealed record CrossVersionObjectReference
{
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string? ApiVersion { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
