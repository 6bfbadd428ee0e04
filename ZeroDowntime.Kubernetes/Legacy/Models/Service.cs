using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A service (core/v1).</summary>
public sealed record Service : IKubernetesObject, IResource
{
    /// <summary>Where Service objects live: v1, services.</summary>
    public static ResourceInfo Resource { get; } = new("", "v1", "services", "Service", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "Service";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public ServiceSpec? Spec { get; init; }
    public ServiceStatus? Status { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
