using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Requests and limits as quantity strings (<c>100m</c>, <c>1Gi</c>).</summary>
public sealed record ResourceRequirements
{
    public IReadOnlyDictionary<string, string>? Requests { get; init; }
    public IReadOnlyDictionary<string, string>? Limits { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
