using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>One expression of a label selector: key, operator (In, NotIn, Exists, DoesNotExist), values.</summary>
public sealed record LabelSelectorRequirement
{
    public string Key { get; init; } = "";
    public string Operator { get; init; } = "";
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>Unknown fields, kept for round trips.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }
}
