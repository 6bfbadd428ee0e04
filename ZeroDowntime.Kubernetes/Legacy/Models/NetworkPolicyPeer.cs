using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A pod selector, namespace selector or IP block.</summary>
public sealed record NetworkPolicyPeer
{
    public LabelSelector? PodSelector { get; init; }
    public LabelSelector? NamespaceSelector { get; init; }
    public IpBlock? IpBlock { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
