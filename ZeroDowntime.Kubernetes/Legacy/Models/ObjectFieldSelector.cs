using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A field of the pod, e.g. <c>metadata.name</c> or <c>status.podIP</c>.</summary>
public sealed record ObjectFieldSelector
{
    public string FieldPath { get; init; } = "";
    public string? ApiVersion { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
