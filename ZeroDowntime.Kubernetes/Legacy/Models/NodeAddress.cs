using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A node address (InternalIP, ExternalIP, Hostname).</summary>
public sealed record NodeAddress
{
    public string Type { get; init; } = "";
    public string Address { get; init; } = "";

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
