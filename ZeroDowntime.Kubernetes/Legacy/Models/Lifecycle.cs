using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Container lifecycle hooks.</summary>
public sealed record Lifecycle
{
    public LifecycleHandler? PreStop { get; init; }
    public LifecycleHandler? PostStart { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
