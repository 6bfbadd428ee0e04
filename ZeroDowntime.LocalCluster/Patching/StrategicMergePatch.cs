using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Patching;

/// <summary>
/// The strategic-merge-patch subset kubectl sends: maps merge, null deletes, lists of known kinds
/// merge by their merge key (containers by name, container ports by containerPort, service
/// ports by port, env by name, conditions by type...), <c>finalizers</c> merge as a set,
/// <c>$patch: replace|delete</c>, <c>$deleteFromPrimitiveList/</c> and <c>$retainKeys</c> are
/// honoured, and <c>$setElementOrder/</c> is accepted (the existing order is kept).
/// Other lists are replaced, as for atomic lists in Kubernetes.
/// </summary>
public static class StrategicMergePatch
{
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    /// <summary>Applies <paramref name="patch"/> to <paramref name="target"/> in place and returns it.</summary>
    public static JsonObject Apply(JsonObject target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            throw ApiException.BadRequest("strategic merge patch must be a JSON object");
        }

        return MergeObject(target, patchObject, null) ?? new JsonObject();
    }

    private static JsonObject? MergeObject(JsonObject target, JsonObject patch, string? listContext)
    {
        switch (patch["$patch"]?.GetValue<string>())
        {
            case "replace":
                return (JsonObject?)Strip(patch);
            case "delete":
                return null;
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(SetElementOrder, StringComparison.Ordinal) || key is "$patch" or "$retainKeys")
            {
                continue;
            }

            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveList.Length..];
                if (target[field] is JsonArray list && value is JsonArray remove)
                {
                    foreach (var item in list.Where(i => remove.Any(r => JsonNode.DeepEquals(r, i))).ToList())
                    {
                        list.Remove(item);
                    }
                }

                continue;
            }

            var current = target[key];
            JsonNode? merged = value switch
            {
                null => null,
                JsonObject o when current is JsonObject c => MergeObject(c, o, listContext),
                JsonObject o => MergeObject(new JsonObject(), o, listContext),
                JsonArray a => MergeList(current as JsonArray, a, key, listContext),
                _ => value.DeepClone(),
            };
            if (merged is null)
            {
                target.Remove(key);
            }
            else if (!ReferenceEquals(merged, current))
            {
                target[key] = merged.Parent is null ? merged : merged.DeepClone();
            }
        }

        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet();
            foreach (var key in target.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                target.Remove(key);
            }
        }

        return target;
    }

    private static JsonArray MergeList(JsonArray? target, JsonArray patch, string field, string? listContext)
    {
        if (patch.Any(e => e is JsonObject o && o["$patch"]?.GetValue<string>() == "replace"))
        {
            return new JsonArray(patch.Where(e => !(e is JsonObject o && o.ContainsKey("$patch"))).Select(e => Strip(e)).ToArray());
        }

        if (field == "finalizers")
        {
            var union = target is null ? new JsonArray() : (JsonArray)target.DeepClone();
            foreach (var item in patch.Where(item => !union.Any(u => JsonNode.DeepEquals(u, item))))
            {
                union.Add(item?.DeepClone());
            }

            return union;
        }

        var mergeKey = MergeKeyOf(field, listContext);
        if (mergeKey is null || target is null)
        {
            return new JsonArray(patch.Where(e => !(e is JsonObject o && o["$patch"]?.GetValue<string>() == "delete"))
                .Select(e => Strip(e)).ToArray());
        }

        var result = (JsonArray)target.DeepClone();
        foreach (var element in patch.OfType<JsonObject>())
        {
            var key = element[mergeKey];
            var match = result.OfType<JsonObject>().FirstOrDefault(existing => JsonNode.DeepEquals(existing[mergeKey], key));
            if (element["$patch"]?.GetValue<string>() == "delete")
            {
                if (match is not null)
                {
                    result.Remove(match);
                }
            }
            else if (match is not null)
            {
                var index = result.IndexOf(match);
                var merged = MergeObject(match, element, field);
                result.RemoveAt(index);
                if (merged is not null)
                {
                    result.Insert(index, merged.Parent is null ? merged : merged.DeepClone());
                }
            }
            else
            {
                result.Add(Strip(element));
            }
        }

        return result;
    }

    /// <summary>The merge key Kubernetes declares for a list field (by name and enclosing list), or null for atomic lists.</summary>
    internal static string? MergeKeyOf(string field, string? listContext) => field switch
    {
        "containers" or "initContainers" or "ephemeralContainers" => "name",
        "ports" when listContext is "containers" or "initContainers" or "ephemeralContainers" => "containerPort",
        "ports" => "port",
        "env" or "volumes" or "imagePullSecrets" or "resourceClaims" or "schedulingGates" => "name",
        "volumeMounts" => "mountPath",
        "volumeDevices" => "devicePath",
        "conditions" or "addresses" => "type",
        "hostAliases" => "ip",
        "ownerReferences" => "uid",
        "topologySpreadConstraints" => "topologyKey",
        _ => null,
    };

    private static JsonNode? Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (key, value) in o)
                {
                    if (!key.StartsWith('$'))
                    {
                        copy[key] = Strip(value);
                    }
                }

                return copy;
            case JsonArray a:
                return new JsonArray(a.Select(Strip).ToArray());
            default:
                return node?.DeepClone();
        }
    }
}
