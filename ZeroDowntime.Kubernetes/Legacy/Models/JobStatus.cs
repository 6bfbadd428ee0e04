using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>Observed state of a job.</summary>
public sealed record JobStatus
{
    public int? Active { get; init; }
    public int? Succeeded { get; init; }
    public int? Failed { get; init; }
    public int? Ready { get; init; }
    public IReadOnlyList<JobCondition>? Conditions { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? CompletionTime { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
