using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A pod disruption budget (policy/v1).</summary>
public sealed record PodDisruptionBudget : IKubernetesObject, IResource
{
    /// <summary>Where PodDisruptionBudget objects live: policy/v1, poddisruptionbudgets.</summary>
    public static ResourceInfo Resource { get; } = new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "policy/v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "PodDisruptionBudget";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public PodDisruptionBudgetSpec? Spec { get; init; }
    public PodDisruptionBudgetStatus? Status { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
