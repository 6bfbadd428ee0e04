using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>The API server's Status: a failure (or a success without an object), with code, reason, message and details.</summary>
public sealed record Status : IKubernetesObject, IResource
{
    /// <summary>Where Status objects live: v1, status.</summary>
    public static ResourceInfo Resource { get; } = new("", "v1", "status", "Status", Namespaced: false);

    /// <inheritdoc />
    public string ApiVersion { get; init; } = "v1";
    /// <inheritdoc />
    public string Kind { get; init; } = "Status";
    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();
    /// <summary>Success or Failure (<c>status</c> in JSON).</summary>
    [JsonPropertyName("status")] public string? Outcome { get; init; }
    public string? Message { get; init; }
    /// <summary>NotFound, AlreadyExists, Conflict, Invalid, TooManyRequests, Expired, ...</summary>
    public string? Reason { get; init; }
    public StatusDetails? Details { get; init; }
    public int Code { get; init; }

    /// <summary>Fields this model does not know, kept so a read-modify-write loses nothing.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
