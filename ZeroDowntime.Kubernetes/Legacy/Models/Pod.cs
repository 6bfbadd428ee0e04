using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A pod (core/v1).</summary>
public sealed record Pod : IKubernetesObject, IResource
{
    /// <summary>Where Pod objects live: v1, pods.</summary>
    public static ResourceInfo Resource { get; } = new("", "v1", "pods", "Pod", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "Pod";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public PodSpec? Spec { get; init; }
    public PodStatus? Status { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
