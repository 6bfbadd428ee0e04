using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A stateful set (apps/v1).</summary>
public sealed record StatefulSet : IKubernetesObject, IResource
{
    /// <summary>Where StatefulSet objects live: apps/v1, statefulsets.</summary>
    public static ResourceInfo Resource { get; } = new("apps", "v1", "statefulsets", "StatefulSet", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "apps/v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "StatefulSet";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public StatefulSetSpec? Spec { get; init; }
    public StatefulSetStatus? Status { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
