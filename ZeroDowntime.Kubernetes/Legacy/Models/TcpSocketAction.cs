using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A TCP connect probe.</summary>
public sealed record TcpSocketAction
{
    public IntOrString Port { get; init; } = 0;
    public string? Host { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
