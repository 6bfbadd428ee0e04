using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Observed state of a node.</summary>
public sealed record NodeStatus
{
    public IReadOnlyList<NodeCondition>? Conditions { get; init; }
    public IReadOnlyList<NodeAddress>? Addresses { get; init; }
    public IReadOnlyDictionary<string, string>? Capacity { get; init; }
    public IReadOnlyDictionary<string, string>? Allocatable { get; init; }
    public NodeSystemInfo? NodeInfo { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
