using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>What a pod runs and where it may be scheduled.</summary>
public sealed record PodSpec
{
    /// <summary>The node the pod is bound to; empty while Pending and unscheduled.</summary>
    public string? NodeName { get; init; }
    public IReadOnlyDictionary<string, string>? NodeSelector { get; init; }
    public IReadOnlyList<Container> Containers { get; init; } = [];
    public IReadOnlyList<Container>? InitContainers { get; init; }
    /// <summary>Always, OnFailure or Never.</summary>
    public string? RestartPolicy { get; init; }
    /// <summary>Seconds between SIGTERM and SIGKILL; the server defaults it to 30.</summary>
    public long? TerminationGracePeriodSeconds { get; init; }
    public Affinity? Affinity { get; init; }
    public IReadOnlyList<Toleration>? Tolerations { get; init; }
    public string? SchedulerName { get; init; }
    public string? ServiceAccountName { get; init; }
    public string? Hostname { get; init; }
    public string? Subdomain { get; init; }
    public string? PriorityClassName { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
