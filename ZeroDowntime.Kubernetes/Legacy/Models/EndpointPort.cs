using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A port of an endpoint (core Endpoints and EndpointSlice share the shape).</summary>
public sealed record EndpointPort
{
    public string? Name { get; init; }
    public int? Port { get; init; }
    public string? Protocol { get; init; }
    public string? AppProtocol { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
