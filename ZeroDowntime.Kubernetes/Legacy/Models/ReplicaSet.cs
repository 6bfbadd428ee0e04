using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A replica set (apps/v1).</summary>
public sealed record ReplicaSet : IKubernetesObject, IResource
{
    /// <summary>Where ReplicaSet objects live: apps/v1, replicasets.</summary>
    public static ResourceInfo Resource { get; } = new("apps", "v1", "replicasets", "ReplicaSet", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "apps/v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "ReplicaSet";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public ReplicaSetSpec? Spec { get; init; }
    public ReplicaSetStatus? Status { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
