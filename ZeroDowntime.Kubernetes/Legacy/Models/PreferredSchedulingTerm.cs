using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A weighted soft node preference.</summary>
public sealed record PreferredSchedulingTerm
{
    public int Weight { get; init; }
    public NodeSelectorTerm Preference { get; init; } = new();

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
