using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>List metadata: the list's resourceVersion (start a watch from it) and the paging token.</summary>
public sealed record ListMeta
{
    public string? ResourceVersion { get; init; }

    /// <summary>Pass back as <c>continue</c> to get the next page; null or empty on the last page.</summary>
    public string? Continue { get; init; }
    public long? RemainingItemCount { get; init; }

    /// <summary>Unknown fields, kept for round trips.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
