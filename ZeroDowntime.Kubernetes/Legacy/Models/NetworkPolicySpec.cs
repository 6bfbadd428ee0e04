using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Selected pods and their allowed ingress/egress.</summary>
public sealed record NetworkPolicySpec
{
    public LabelSelector PodSelector { get; init; } = new();
    /// <summary>Ingress and/or Egress.</summary>
    public IReadOnlyList<string>? PolicyTypes { get; init; }
    public IReadOnlyList<NetworkPolicyIngressRule>? Ingress { get; init; }
    public IReadOnlyList<NetworkPolicyEgressRule>? Egress { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
