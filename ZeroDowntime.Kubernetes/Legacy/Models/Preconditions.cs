using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Delete only if the object still has this UID / resourceVersion.</summary>
public sealed record Preconditions
{
    public string? Uid { get; init; }
    public string? ResourceVersion { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
