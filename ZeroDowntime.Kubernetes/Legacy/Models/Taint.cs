using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A node taint; pods without a matching toleration are kept off (or evicted, for NoExecute).</summary>
public sealed record Taint
{
    public string Key { get; init; } = "";
    public string? Value { get; init; }
    /// <summary>NoSchedule, PreferNoSchedule or NoExecute.</summary>
    public string Effect { get; init; } = "";
    public DateTimeOffset? TimeAdded { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
