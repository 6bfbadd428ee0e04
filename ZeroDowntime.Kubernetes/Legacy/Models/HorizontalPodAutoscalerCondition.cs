using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>An autoscaler condition: AbleToScale, ScalingActive, ScalingLimited.</summary>
public sealed record HorizontalPodAutoscalerCondition
{
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset? LastTransitionTime { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
