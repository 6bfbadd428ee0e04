using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A port a container listens on.</summary>
public sealed record ContainerPort
{
    /// <summary>The port number (<c>containerPort</c> in JSON).</summary>
    [JsonPropertyName("containerPort")] public int Port { get; init; }
    public string? Name { get; init; }
    public string? Protocol { get; init; }
    public int? HostPort { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
