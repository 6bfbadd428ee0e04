using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>An eviction request (policy/v1), POSTed to a pod's eviction subresource.</summary>
public sealed record Eviction : IKubernetesObject, IResource
{
    /// <summary>Where Eviction objects live: policy/v1, eviction.</summary>
    public static ResourceInfo Resource { get; } = new("policy", "v1", "eviction", "Eviction", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "policy/v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "Eviction";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public DeleteOptions? DeleteOptions { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
