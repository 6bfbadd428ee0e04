using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>One metric; resource metrics are typed, other kinds stay in Extra.</summary>
public sealed record MetricSpec
{
    /// <summary>Resource, Pods, Object, External or ContainerResource.</summary>
    public string Type { get; init; } = "";
    public ResourceMetricSource? Resource { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
