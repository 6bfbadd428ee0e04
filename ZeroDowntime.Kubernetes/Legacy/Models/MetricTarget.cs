using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Utilization, AverageValue or Value target.</summary>
public sealed record MetricTarget
{
    public string Type { get; init; } = "";
    public int? AverageUtilization { get; init; }
    public string? AverageValue { get; init; }
    public string? Value { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
