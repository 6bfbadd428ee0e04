using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Node, pod and pod-anti affinity.</summary>
public sealed record Affinity
{
    public NodeAffinity? NodeAffinity { get; init; }
    public PodAffinity? PodAffinity { get; init; }
    public PodAntiAffinity? PodAntiAffinity { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
