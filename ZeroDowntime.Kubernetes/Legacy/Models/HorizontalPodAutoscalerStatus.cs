using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Observed state of an autoscaler.</summary>
public sealed record HorizontalPodAutoscalerStatus
{
    public long? ObservedGeneration { get; init; }
    public DateTimeOffset? LastScaleTime { get; init; }
    public int? CurrentReplicas { get; init; }
    public int DesiredReplicas { get; init; }
    public IReadOnlyList<MetricStatus>? CurrentMetrics { get; init; }
    public IReadOnlyList<HorizontalPodAutoscalerCondition>? Conditions { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
