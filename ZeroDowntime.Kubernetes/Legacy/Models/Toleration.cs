using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Lets a pod schedule onto (or stay on) nodes with a matching taint.</summary>
public sealed record Toleration
{
    public string? Key { get; init; }
    /// <summary>Equal or Exists.</summary>
    public string? Operator { get; init; }
    public string? Value { get; init; }
    /// <summary>NoSchedule, PreferNoSchedule or NoExecute.</summary>
    public string? Effect { get; init; }
    public long? TolerationSeconds { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
