using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A config map (core/v1).</summary>
public sealed record ConfigMap : IKubernetesObject, IResource
{
    /// <summary>Where ConfigMap objects live: v1, configmaps.</summary>
    public static ResourceInfo Resource { get; } = new("", "v1", "configmaps", "ConfigMap", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "ConfigMap";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public IReadOnlyDictionary<string, string>? Data { get; init; }
    public IReadOnlyDictionary<string, string>? BinaryData { get; init; }
    public bool? Immutable { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
