using System.Globalization;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Patching;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy and test, with RFC 6901 pointers.</summary>
public static class JsonPatch
{
    /// <summary>Applies <paramref name="operations"/> to <paramref name="document"/> in place; throws a 422 <see cref="ApiException"/> on a failed operation.</summary>
    public static JsonNode Apply(JsonNode document, JsonNode? operations)
    {
        if (operations is not JsonArray array)
        {
            throw ApiException.BadRequest("json patch must be an array of operations");
        }

        var root = new JsonObject { ["doc"] = document.Parent is null ? document : document.DeepClone() };
        foreach (var node in array)
        {
            if (node is not JsonObject op)
            {
                throw ApiException.BadRequest("json patch operation must be an object");
            }

            var kind = op["op"]?.GetValue<string>();
            var path = op["path"]?.GetValue<string>() ?? throw Invalid("missing path");
            switch (kind)
            {
                case "add":
                    Add(root, path, op["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, op["value"]?.DeepClone());
                    break;
                case "move":
                    var moved = Remove(root, From(op));
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, Resolve(root, From(op))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Resolve(root, path), op["value"]))
                    {
                        throw Invalid($"test operation failed at {path}");
                    }

                    break;
                default:
                    throw ApiException.BadRequest($"unexpected json patch operation \"{kind}\"");
            }
        }

        var result = root["doc"]!;
        root.Remove("doc");
        return result;
    }

    private static string From(JsonObject op) => op["from"]?.GetValue<string>() ?? throw Invalid("missing from");

    private static ApiException Invalid(string message) => new(422, "Invalid", $"the server rejected our request due to an error in our request: {message}");

    private static (JsonNode Parent, string Token) Locate(JsonObject root, string path)
    {
        if (path.Length > 0 && path[0] != '/')
        {
            throw Invalid($"invalid pointer \"{path}\"");
        }

        var tokens = path.Length == 0 ? [] : path[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray();
        JsonNode parent = root;
        var token = "doc";
        foreach (var next in tokens)
        {
            parent = Child(parent, token) ?? throw Invalid($"doc is missing path: {path}");
            token = next;
        }

        return (parent, token);
    }

    private static JsonNode? Child(JsonNode parent, string token) => parent switch
    {
        JsonObject o => o[token],
        JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
        _ => null,
    };

    private static JsonNode? Resolve(JsonObject root, string path)
    {
        var (parent, token) = Locate(root, path);
        return Child(parent, token);
    }

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, token) = Locate(root, path);
        switch (parent)
        {
            case JsonObject o:
                o.Remove(token);
                o[token] = value;
                break;
            case JsonArray a when token == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Invalid($"unable to add at {path}");
        }
    }

    private static JsonNode? Remove(JsonObject root, string path)
    {
        var (parent, token) = Locate(root, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(token):
                var value = o[token];
                o.Remove(token);
                return value;
            case JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                var item = a[i];
                a.RemoveAt(i);
                return item;
            default:
                throw Invalid($"unable to remove nonexistent key: {path.TrimStart('/')}: missing value");
        }
    }
}
