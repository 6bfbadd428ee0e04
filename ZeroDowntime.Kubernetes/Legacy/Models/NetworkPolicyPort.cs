using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A port (or port range) and protocol.</summary>
public sealed record NetworkPolicyPort
{
    public string? Protocol { get; init; }
    public IntOrString? Port { get; init; }
    public int? EndPort { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
