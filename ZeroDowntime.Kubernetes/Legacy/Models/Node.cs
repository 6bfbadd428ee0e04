using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A node (core/v1).</summary>
public sealed record Node : IKubernetesObject, IResource
{
    /// <summary>Where Node objects live: v1, nodes.</summary>
    public static ResourceInfo Resource { get; } = new("", "v1", "nodes", "Node", Namespaced: false);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "Node";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public NodeSpec? Spec { get; init; }
    public NodeStatus? Status { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
