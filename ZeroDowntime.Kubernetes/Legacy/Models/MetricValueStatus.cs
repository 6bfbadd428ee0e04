using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Current utilization or value.</summary>
public sealed record MetricValueStatus
{
    public int? AverageUtilization { get; init; }
    public string? AverageValue { get; init; }
    public string? Value { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
