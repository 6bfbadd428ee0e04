using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Current value of a resource metric.</summary>
public sealed record ResourceMetricStatus
{
    public string Name { get; init; } = "";
    public MetricValueStatus Current { get; init; } = new();

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
