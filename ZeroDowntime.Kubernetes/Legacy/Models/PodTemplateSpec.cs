using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>The pod template of a workload.</summary>
public sealed record PodTemplateSpec
{
    public ObjectMeta? Metadata { get; init; }
    public PodSpec? Spec { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
