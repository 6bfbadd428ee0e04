using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>key, operator (In, NotIn, Exists, DoesNotExist, Gt, Lt), values.</summary>
public sealed record NodeSelectorRequirement
{
    public string Key { get; init; } = "";
    public string Operator { get; init; } = "";
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
