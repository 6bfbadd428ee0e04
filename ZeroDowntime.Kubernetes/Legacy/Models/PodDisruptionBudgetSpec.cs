using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>At most one of minAvailable and maxUnavailable; percentages round up.</summary>
public sealed record PodDisruptionBudgetSpec
{
    public IntOrString? MinAvailable { get; init; }
    public IntOrString? MaxUnavailable { get; init; }
    public LabelSelector? Selector { get; init; }
    /// <summary>IfHealthyBudget (default) or AlwaysAllow.</summary>
    public string? UnhealthyPodEvictionPolicy { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
