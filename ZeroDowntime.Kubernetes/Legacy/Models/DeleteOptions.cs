using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Options of a delete: grace period, propagation policy, preconditions.</summary>
public sealed record DeleteOptions
{
    public string? ApiVersion { get; init; } = "v1";
    public string? Kind { get; init; } = "DeleteOptions";
    public long? GracePeriodSeconds { get; init; }
    /// <summary>Background, Foreground or Orphan.</summary>
    public string? PropagationPolicy { get; init; }
    public Preconditions? Preconditions { get; init; }
    public IReadOnlyList<string>? DryRun { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
