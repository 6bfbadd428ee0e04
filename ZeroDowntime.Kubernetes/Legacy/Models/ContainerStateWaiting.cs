using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A waiting container (ContainerCreating, CrashLoopBackOff, ...).</summary>
public sealed record ContainerStateWaiting
{
    public string? Reason { get; init; }
    public string? Message { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
