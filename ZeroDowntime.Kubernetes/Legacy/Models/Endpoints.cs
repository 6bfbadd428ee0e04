using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Endpoints of a service (core/v1).</summary>
public sealed record Endpoints : IKubernetesObject, IResource
{
    /// <summary>Where Endpoints objects live: v1, endpoints.</summary>
    public static ResourceInfo Resource { get; } = new("", "v1", "endpoints", "Endpoints", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "Endpoints";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public IReadOnlyList<EndpointSubset>? Subsets { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
