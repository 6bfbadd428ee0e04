using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>One endpoint of an EndpointSlice.</summary>
public sealed record Endpoint
{
    public IReadOnlyList<string> Addresses { get; init; } = [];
    public EndpointConditions? Conditions { get; init; }
    public string? Hostname { get; init; }
    public string? NodeName { get; init; }
    public string? Zone { get; init; }
    public ObjectReference? TargetRef { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
