using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>
/// One immutable version of an object in the store: its UTF-8 JSON (written once, shared by every
/// reader) plus what selectors and the garbage collector need, extracted up front so matching
/// never parses JSON.
/// </summary>
public sealed class StoredObject
{
    private byte[]? _addedLine;

    private StoredObject(ResourceType type, string? ns, string name, string uid, long resourceVersion, byte[] json,
        IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> fields, string[] ownerUids,
        bool deleting, string[] finalizers)
    {
        IsDeleting = deleting;
        Finalizers = finalizers;
        Type = type;
        Namespace = ns;
        Name = name;
        Uid = uid;
        ResourceVersion = resourceVersion;
        Json = json;
        Labels = labels;
        Fields = fields;
        OwnerUids = ownerUids;
    }

    /// <summary>The resource this object belongs to.</summary>
    public ResourceType Type { get; }

    /// <summary>Namespace, null for cluster-scoped objects.</summary>
    public string? Namespace { get; }

    /// <summary>metadata.name.</summary>
    public string Name { get; }

    /// <summary>metadata.uid.</summary>
    public string Uid { get; }

    /// <summary>metadata.resourceVersion as a number.</summary>
    public long ResourceVersion { get; }

    /// <summary>The object as UTF-8 JSON. Never mutate.</summary>
    public byte[] Json { get; }

    /// <summary>metadata.labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Field-selector values (metadata.name, metadata.namespace and the type's selectable fields).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>uids named in metadata.ownerReferences.</summary>
    public string[] OwnerUids { get; }

    /// <summary>True when metadata.deletionTimestamp is set.</summary>
    public bool IsDeleting { get; }

    /// <summary>metadata.finalizers.</summary>
    public IReadOnlyList<string> Finalizers { get; }

    /// <summary>This state encoded as an ADDED watch line, built on first use and shared.</summary>
    public byte[] AddedLine => _addedLine ??= StoreEvent.Encode("ADDED", Json);

    /// <summary>The store key: <c>namespace/name</c> or <c>name</c>.</summary>
    public string Key => KeyOf(Namespace, Name);

    /// <summary>The store key for a namespace and name.</summary>
    public static string KeyOf(string? ns, string name) => ns is null ? name : $"{ns}/{name}";

    /// <summary>A fresh, caller-owned parse of the object.</summary>
    public JsonObject ToJsonObject() => JsonNode.Parse(Json)!.AsObject();

    /// <summary>Captures <paramref name="obj"/> (which must already carry its final metadata).</summary>
    public static StoredObject Capture(ResourceType type, JsonObject obj)
    {
        var metadata = obj["metadata"]?.AsObject() ?? throw new ArgumentException("object has no metadata", nameof(obj));
        var name = metadata["name"]?.GetValue<string>() ?? "";
        var ns = type.Namespaced ? metadata["namespace"]?.GetValue<string>() : null;
        var uid = metadata["uid"]?.GetValue<string>() ?? "";
        var rv = long.Parse(metadata["resourceVersion"]?.GetValue<string>() ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata["labels"] is JsonObject labelObject)
        {
            foreach (var (key, value) in labelObject)
            {
                labels[key] = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
            }
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["metadata.name"] = name,
            ["metadata.namespace"] = ns ?? "",
        };
        foreach (var (label, path) in type.SelectableFields)
        {
            fields[label] = ReadField(obj, path);
        }

        var owners = metadata["ownerReferences"] is JsonArray refs
            ? refs.OfType<JsonObject>().Select(r => r["uid"]?.GetValue<string>() ?? "").Where(u => u.Length > 0).ToArray()
            : [];

        var finalizers = metadata["finalizers"] is JsonArray list
            ? list.Select(f => f is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToArray()
            : [];
        return new StoredObject(type, ns, name, uid, rv, JsonSerializer.SerializeToUtf8Bytes(obj, JsonDefaults.Options), labels, fields, owners,
            metadata["deletionTimestamp"] is not null, finalizers);
    }

    private static string ReadField(JsonObject obj, string[] path)
    {
        JsonNode? node = obj;
        foreach (var segment in path)
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node switch
        {
            null when path[^1] == "unschedulable" => "false",
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            _ => node.ToJsonString(),
        };
    }
}
