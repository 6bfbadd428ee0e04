using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Desired state of a stateful set.</summary>
public sealed record StatefulSetSpec
{
    public int? Replicas { get; init; }
    public LabelSelector? Selector { get; init; }
    public PodTemplateSpec Template { get; init; } = new();
    public string? ServiceName { get; init; }
    /// <summary>OrderedReady or Parallel.</summary>
    public string? PodManagementPolicy { get; init; }
    public StatefulSetUpdateStrategy? UpdateStrategy { get; init; }
    public int? RevisionHistoryLimit { get; init; }
    public int? MinReadySeconds { get; init; }
    public JsonElement? VolumeClaimTemplates { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
