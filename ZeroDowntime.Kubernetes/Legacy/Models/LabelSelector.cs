using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Kubernetes.Legacy.Models;

/// <summary>A label selector: all matchLabels and all matchExpressions must hold.</summary>
public sealed record LabelSelector
{
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }
    public IReadOnlyList<LabelSelectorRequirement>? MatchExpressions { get; init; }

    /// <summary>Unknown fields, kept for round trips.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>
    /// The selector in query-string form (<c>a=b,c in (d,e),!f</c>), as sent in <c>labelSelector=</c>.
    /// </summary>
    public override string ToString()
    {
        var parts = new List<string>();
        foreach (var (key, value) in MatchLabels ?? new Dictionary<string, string>())
            parts.Add($"{key}={value}");
        foreach (var e in MatchExpressions ?? [])
        {
            var values = string.Join(",", e.Values ?? []);
            parts.Add(e.Operator switch
            {
                "In" => $"{e.Key} in ({values})",
                "NotIn" => $"{e.Key} notin ({values})",
                "Exists" => e.Key,
                "DoesNotExist" => $"!{e.Key}",
                _ => $"{e.Key} {e.Operator} ({values})",
            });
        }
        return string.Join(",", parts);
    }
}
