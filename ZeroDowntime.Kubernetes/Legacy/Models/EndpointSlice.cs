using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>An endpoint slice (discovery.k8s.io/v1); labelled <c>kubernetes.io/service-name</c>.</summary>
public sealed record EndpointSlice : IKubernetesObject, IResource
{
    /// <summary>Where EndpointSlice objects live: discovery.k8s.io/v1, endpointslices.</summary>
    public static ResourceInfo Resource { get; } = new("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "discovery.k8s.io/v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "EndpointSlice";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public string AddressType { get; init; } = "IPv4";
    public IReadOnlyList<Endpoint> Endpoints { get; init; } = [];
    public IReadOnlyList<EndpointPort>? Ports { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
