using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A set of addresses sharing ports.</summary>
public sealed record EndpointSubset
{
    public IReadOnlyList<EndpointAddress>? Addresses { get; init; }
    public IReadOnlyList<EndpointAddress>? NotReadyAddresses { get; init; }
    public IReadOnlyList<EndpointPort>? Ports { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
