using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Patching;

/// <summary>RFC 7386 JSON merge patch: objects merge recursively, null deletes, anything else replaces.</summary>
public static class MergePatch
{
    /// <summary>Returns <paramref name="target"/> patched (mutated in place when it is an object).</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                var current = result[key];
                var merged = Apply(current, value);
                if (!ReferenceEquals(merged, current))
                {
                    // Assigning an existing key keeps the key's position, so patched objects keep their field order.
                    result[key] = merged;
                }
            }
        }

        return result;
    }
}
