using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Conversion;

/// <summary>
/// The <c>autoscaling.alpha.kubernetes.io/behavior</c> annotation. The API server writes it by marshalling
/// its internal Go type, which has no JSON tags, so the keys are the Go field names
/// (<c>{"ScaleUp":{"StabilizationWindowSeconds":0,"SelectPolicy":"Max","Policies":[{"Type":"Pods","Value":4,"PeriodSeconds":15}]},...}</c>)
/// and unset pointers are <c>null</c>; reading it back matches keys case-insensitively, as Go's decoder does.
/// </summary>
internal static class HpaBehaviorAnnotation
{
    private static readonly string[] BehaviorFields = ["scaleUp", "scaleDown"];
    private static readonly string[] RuleFields = ["stabilizationWindowSeconds", "selectPolicy", "policies"];
    private static readonly string[] PolicyFields = ["type", "value", "periodSeconds"];

    /// <summary>The annotation's JSON for a v2 <c>spec.behavior</c>.</summary>
    public static JsonObject Encode(JsonObject behavior) => GoStruct(behavior, BehaviorFields, (_, rules) => rules is JsonObject r
        ? GoStruct(r, RuleFields, (field, value) => field == "policies"
            ? value is JsonArray list ? new JsonArray([.. list.OfType<JsonObject>().Select(p => (JsonNode)GoStruct(p, PolicyFields, Leaf))]) : null
            : Leaf(field, value))
        : null);

    /// <summary>The v2 <c>spec.behavior</c> an annotation describes; null when it describes nothing.</summary>
    public static JsonObject? Decode(JsonObject annotation)
    {
        var behavior = Tagged(annotation, BehaviorFields, (_, rules) => rules is JsonObject r
            ? Tagged(r, RuleFields, (field, value) => field == "policies"
                ? value is JsonArray list ? new JsonArray([.. list.OfType<JsonObject>().Select(p => (JsonNode)Tagged(p, PolicyFields, Leaf))]) : null
                : Leaf(field, value))
            : null);
        return behavior.Count == 0 ? null : behavior;
    }

    private static JsonNode? Leaf(string field, JsonNode? value) => value?.DeepClone();

    /// <summary>Every field under its Go name, in order, null when unset.</summary>
    private static JsonObject GoStruct(JsonObject tagged, string[] fields, Func<string, JsonNode?, JsonNode?> convert)
    {
        var go = new JsonObject();
        foreach (var field in fields)
        {
            go[char.ToUpperInvariant(field[0]) + field[1..]] = convert(field, tagged[field]);
        }

        return go;
    }

    /// <summary>The fields found (keys matched case-insensitively) under their JSON tags; nulls left out.</summary>
    private static JsonObject Tagged(JsonObject go, string[] fields, Func<string, JsonNode?, JsonNode?> convert)
    {
        var tagged = new JsonObject();
        foreach (var field in fields)
        {
            var value = go.FirstOrDefault(p => string.Equals(p.Key, field, StringComparison.OrdinalIgnoreCase)).Value;
            if (convert(field, value) is { } converted)
            {
                tagged[field] = converted;
            }
        }

        return tagged;
    }
}
