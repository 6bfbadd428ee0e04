using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Observed state of one container.</summary>
public sealed record ContainerStatus
{
    public string Name { get; init; } = "";
    public bool Ready { get; init; }
    public int RestartCount { get; init; }
    public bool? Started { get; init; }
    public string? Image { get; init; }
    public string? ImageID { get; init; }
    public string? ContainerID { get; init; }
    public ContainerState? State { get; init; }
    public ContainerState? LastState { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
