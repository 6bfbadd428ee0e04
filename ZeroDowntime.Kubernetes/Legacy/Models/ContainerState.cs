using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Exactly one of running, waiting or terminated is set.</summary>
public sealed record ContainerState
{
    public ContainerStateRunning? Running { get; init; }
    public ContainerStateWaiting? Waiting { get; init; }
    public ContainerStateTerminated? Terminated { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
