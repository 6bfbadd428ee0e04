using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>How many pods a job runs and for how long.</summary>
public sealed record JobSpec
{
    public int? Parallelism { get; init; }
    public int? Completions { get; init; }
    public int? BackoffLimit { get; init; }
    public long? ActiveDeadlineSeconds { get; init; }
    public int? TtlSecondsAfterFinished { get; init; }
    public LabelSelector? Selector { get; init; }
    public bool? ManualSelector { get; init; }
    public bool? Suspend { get; init; }
    public PodTemplateSpec Template { get; init; } = new();

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
