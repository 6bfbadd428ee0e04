using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>How a service selects pods and exposes ports.</summary>
public sealed record ServiceSpec
{
    /// <summary>ClusterIP, NodePort, LoadBalancer or ExternalName.</summary>
    public string? Type { get; init; }
    public IReadOnlyDictionary<string, string>? Selector { get; init; }
    public IReadOnlyList<ServicePort>? Ports { get; init; }
    public string? ClusterIP { get; init; }
    public IReadOnlyList<string>? ClusterIPs { get; init; }
    public string? SessionAffinity { get; init; }
    public string? ExternalTrafficPolicy { get; init; }
    public bool? PublishNotReadyAddresses { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
