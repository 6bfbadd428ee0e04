using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>One load balancer ingress point.</summary>
public sealed record LoadBalancerIngress
{
    public string? Ip { get; init; }
    public string? Hostname { get; init; }
    public IReadOnlyList<PortStatus>? Ports { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
