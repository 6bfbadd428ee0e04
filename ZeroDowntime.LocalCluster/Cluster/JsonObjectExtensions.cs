using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Cluster;

/// <summary>Small helpers for reading and writing Kubernetes objects held as <see cref="JsonObject"/>.</summary>
public static class JsonObjectExtensions
{
    /// <summary>metadata, created when missing.</summary>
    public static JsonObject Metadata(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    /// <summary>metadata.name or an empty string.</summary>
    public static string Name(this JsonObject obj) => obj.GetString("metadata", "name") ?? "";

    /// <summary>metadata.namespace or null.</summary>
    public static string? Namespace(this JsonObject obj) => obj.GetString("metadata", "namespace");

    /// <summary>metadata.uid or an empty string.</summary>
    public static string Uid(this JsonObject obj) => obj.GetString("metadata", "uid") ?? "";

    /// <summary>The string at a path of object keys, or null when missing or not a string.</summary>
    public static string? GetString(this JsonObject obj, params string[] path) =>
        obj.GetNode(path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The integer at a path, or null.</summary>
    public static long? GetInt64(this JsonObject obj, params string[] path) =>
        obj.GetNode(path) is JsonValue v && v.TryGetValue<long>(out var n) ? n
        : obj.GetNode(path) is JsonValue i && i.TryGetValue<int>(out var small) ? small
        : obj.GetNode(path) is JsonValue d && d.TryGetValue<double>(out var x) && x == Math.Floor(x) ? (long)x : null;

    /// <summary>The boolean at a path, or null.</summary>
    public static bool? GetBool(this JsonObject obj, params string[] path) =>
        obj.GetNode(path) is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    /// <summary>The node at a path of object keys, or null.</summary>
    public static JsonNode? GetNode(this JsonObject obj, params string[] path)
    {
        JsonNode? node = obj;
        foreach (var key in path)
        {
            node = node is JsonObject o ? o[key] : null;
        }

        return node;
    }

    /// <summary>The object at a path of object keys, creating empty objects on the way.</summary>
    public static JsonObject Ensure(this JsonObject obj, params string[] path)
    {
        var current = obj;
        foreach (var key in path)
        {
            if (current[key] is not JsonObject next)
            {
                next = new JsonObject();
                current[key] = next;
            }

            current = next;
        }

        return current;
    }

    /// <summary>The condition of <paramref name="type"/> in status.conditions, or null.</summary>
    public static JsonObject? Condition(this JsonObject obj, string type) =>
        (obj.GetNode("status", "conditions") as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => c["type"]?.GetValue<string>() == type);

    /// <summary>True when a pod has condition Ready=True and is not terminating.</summary>
    public static bool IsPodReady(this JsonObject pod) =>
        pod.GetNode("metadata", "deletionTimestamp") is null && pod.Condition("Ready")?.GetString("status") == "True";
}
