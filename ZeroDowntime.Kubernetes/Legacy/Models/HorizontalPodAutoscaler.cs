using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A horizontal pod autoscaler (autoscaling/v2).</summary>
public sealed record HorizontalPodAutoscaler : IKubernetesObject, IResource
{
    /// <summary>Where HorizontalPodAutoscaler objects live: autoscaling/v2, horizontalpodautoscalers.</summary>
    public static ResourceInfo Resource { get; } = new("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "autoscaling/v2";
    /// <inheritdoc />
    public string Kind { get; init; } = "HorizontalPodAutoscaler";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public HorizontalPodAutoscalerSpec? Spec { get; init; }
    public HorizontalPodAutoscalerStatus? Status { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
