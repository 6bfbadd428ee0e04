using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>An HTTP GET probe or hook.</summary>
public sealed record HttpGetAction
{
    public string? Path { get; init; }
    /// <summary>A number or a named container port.</summary>
    public IntOrString Port { get; init; } = 0;
    public string? Host { get; init; }
    public string? Scheme { get; init; }
    public IReadOnlyList<HttpHeader>? HttpHeaders { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
