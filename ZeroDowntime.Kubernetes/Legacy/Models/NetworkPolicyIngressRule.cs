using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Allowed sources and ports.</summary>
public sealed record NetworkPolicyIngressRule
{
    public IReadOnlyList<NetworkPolicyPeer>? From { get; init; }
    public IReadOnlyList<NetworkPolicyPort>? Ports { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
