using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A deployment (apps/v1).</summary>
public sealed record Deployment : IKubernetesObject, IResource
{
    /// <summary>Where Deployment objects live: apps/v1, deployments.</summary>
    public static ResourceInfo Resource { get; } = new("apps", "v1", "deployments", "Deployment", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "apps/v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "Deployment";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public DeploymentSpec? Spec { get; init; }
    public DeploymentStatus? Status { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
