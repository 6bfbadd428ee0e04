using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Observed state of a daemon set.</summary>
public sealed record DaemonSetStatus
{
    public int CurrentNumberScheduled { get; init; }
    public int DesiredNumberScheduled { get; init; }
    public int NumberMisscheduled { get; init; }
    public int NumberReady { get; init; }
    public int? NumberAvailable { get; init; }
    public int? UpdatedNumberScheduled { get; init; }
    public long? ObservedGeneration { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
