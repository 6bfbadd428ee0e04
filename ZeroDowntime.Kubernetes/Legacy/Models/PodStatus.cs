using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Observed state of a pod.</summary>
public sealed record PodStatus
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; init; }
    public IReadOnlyList<PodCondition>? Conditions { get; init; }
    public string? PodIP { get; init; }
    public IReadOnlyList<PodIP>? PodIPs { get; init; }
    public string? HostIP { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public IReadOnlyList<ContainerStatus>? ContainerStatuses { get; init; }
    public IReadOnlyList<ContainerStatus>? InitContainerStatuses { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public string? NominatedNodeName { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
