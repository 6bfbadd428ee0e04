using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>An event (core/v1).</summary>
public sealed record Event : IKubernetesObject, IResource
{
    /// <summary>Where Event objects live: v1, events.</summary>
    public static ResourceInfo Resource { get; } = new("", "v1", "events", "Event", Namespaced: true);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "Event";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    public ObjectReference InvolvedObject { get; init; } = new();
    public string? Reason { get; init; }
    public string? Message { get; init; }
    /// <summary>Normal or Warning.</summary>
    public string? Type { get; init; }
    public int? Count { get; init; }
    public DateTimeOffset? FirstTimestamp { get; init; }
    public DateTimeOffset? LastTimestamp { get; init; }
    public DateTimeOffset? EventTime { get; init; }
    public EventSource? Source { get; init; }
    public string? ReportingComponent { get; init; }
    public string? ReportingInstance { get; init; }
    public string? Action { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
