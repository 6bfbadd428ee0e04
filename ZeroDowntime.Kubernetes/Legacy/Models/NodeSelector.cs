using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Node selector terms, ORed.</summary>
public sealed record NodeSelector
{
    public IReadOnlyList<NodeSelectorTerm> NodeSelectorTerms { get; init; } = [];

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
