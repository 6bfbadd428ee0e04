using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A weighted soft pod (anti-)affinity term.</summary>
public sealed record WeightedPodAffinityTerm
{
    public int Weight { get; init; }
    public PodAffinityTerm PodAffinityTerm { get; init; } = new();

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
