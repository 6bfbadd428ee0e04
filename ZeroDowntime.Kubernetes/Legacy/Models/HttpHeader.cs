using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A header sent by an HTTP probe.</summary>
public sealed record HttpHeader
{
    public string Name { get; init; } = "";
    public string Value { get; init; } = "";

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
