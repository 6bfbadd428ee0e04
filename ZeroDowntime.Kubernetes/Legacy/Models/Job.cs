using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A job (batch/v1).</summary>
public sealed record Job : IKubernetesObject, IResource
{
    /// <summary>Where Job objects live: batch/v1, jobs.</summary>
    public static ResourceInfo Resource { get; } = new("batch", "v1", "jobs", "Job", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "batch/v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "Job";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public JobSpec? Spec { get; init; }
    public JobStatus? Status { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
