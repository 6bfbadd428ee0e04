using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Node spec: cordon state and taints.</summary>
public sealed record NodeSpec
{
    /// <summary>True when cordoned. A strategic merge patch with null removes it.</summary>
    public bool? Unschedulable { get; init; }
    public IReadOnlyList<Taint>? Taints { get; init; }
    public string? PodCIDR { get; init; }
    public string? ProviderID { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
