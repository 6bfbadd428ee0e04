using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A list response such as <c>PodList</c>: items plus list metadata.</summary>
/// <typeparam name="T">The item kind.</typeparam>
public sealed record KubeList<T> where T : IResource
{
    public string ApiVersion { get; init; } = T.Resource.ApiVersion;
    public string Kind { get; init; } = T.Resource.Kind + "List";
    public ListMeta Metadata { get; init; } = new();
    public IReadOnlyList<T> Items { get; init; } = [];

    /// <summary>Unknown fields, kept for round trips.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
