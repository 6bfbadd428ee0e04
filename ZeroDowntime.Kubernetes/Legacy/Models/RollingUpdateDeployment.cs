using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Rolling update bounds; default 25% each (surge rounds up, unavailable down).</summary>
public sealed record RollingUpdateDeployment
{
    public IntOrString? MaxSurge { get; init; }
    public IntOrString? MaxUnavailable { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
