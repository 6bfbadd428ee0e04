using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A daemon set (apps/v1); modelled minimally.</summary>
public sealed record DaemonSet : IKubernetesObject, IResource
{
    /// <summary>Where DaemonSet objects live: apps/v1, daemonsets.</summary>
    public static ResourceInfo Resource { get; } = new("apps", "v1", "daemonsets", "DaemonSet", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "apps/v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "DaemonSet";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public DaemonSetSpec? Spec { get; init; }
    public DaemonSetStatus? Status { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
