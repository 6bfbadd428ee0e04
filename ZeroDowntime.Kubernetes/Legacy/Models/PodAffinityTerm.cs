using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Pods matching labelSelector within the same topologyKey domain.</summary>
public sealed record PodAffinityTerm
{
    public LabelSelector? LabelSelector { get; init; }
    public IReadOnlyList<string>? Namespaces { get; init; }
    public LabelSelector? NamespaceSelector { get; init; }
    /// <summary>e.g. <c>kubernetes.io/hostname</c>.</summary>
    public string TopologyKey { get; init; } = "";

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
