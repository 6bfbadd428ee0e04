using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A terminated container.</summary>
public sealed record ContainerStateTerminated
{
    public int ExitCode { get; init; }
    public int? Signal { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public string? ContainerID { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
