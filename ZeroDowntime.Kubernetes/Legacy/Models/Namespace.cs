using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A namespace (core/v1).</summary>
public sealed record Namespace : IKubernetesObject, IResource
{
    /// <summary>Where Namespace objects live: v1, namespaces.</summary>
    public static ResourceInfo Resource { get; } = new("", "v1", "namespaces", "Namespace", Namespaced: false);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "Namespace";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public NamespaceSpec? Spec { get; init; }
    public NamespaceStatus? Status { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
