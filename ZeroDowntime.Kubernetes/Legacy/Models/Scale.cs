using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>The scale subresource (autoscaling/v1) of a deployment or stateful set.</summary>
public sealed record Scale : IKubernetesObject, IResource
{
    /// <summary>Where Scale objects live: autoscaling/v1, scale.</summary>
    public static ResourceInfo Resource { get; } = new("autoscaling", "v1", "scale", "Scale", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "autoscaling/v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "Scale";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public ScaleSpec? Spec { get; init; }
    public ScaleStatus? Status { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
