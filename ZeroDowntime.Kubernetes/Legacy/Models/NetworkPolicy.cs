using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A network policy (networking.k8s.io/v1).</summary>
public sealed record NetworkPolicy : IKubernetesObject, IResource
{
    /// <summary>Where NetworkPolicy objects live: networking.k8s.io/v1, networkpolicies.</summary>
    public static ResourceInfo Resource { get; } = new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "networking.k8s.io/v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "NetworkPolicy";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public NetworkPolicySpec? Spec { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
