using System.Globalization;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Http.Tables;

/// <summary>Builds meta.k8s.io/v1 Tables (what <c>kubectl get</c> prints) from stored objects.</summary>
internal static partial class TableConverter
{
    /// <summary>How rows carry their object (the <c>includeObject</c> query parameter).</summary>
    public enum IncludeObject { None, Metadata, Object }

    public static IncludeObject ParseInclude(string? value) => value switch
    {
        "None" => IncludeObject.None,
        "Object" => IncludeObject.Object,
        _ => IncludeObject.Metadata,
    };

    /// <summary>
    /// The Table of <paramref name="items"/>. Cells are computed from the stored objects; the objects the rows
    /// carry are in the requested version (<paramref name="converter"/>, null for the storage version).
    /// </summary>
    public static JsonObject Build(ResourceType type, IEnumerable<StoredObject> items, string? resourceVersion, string? continueToken,
        IncludeObject include, DateTimeOffset now, IVersionConverter? converter = null)
    {
        var columns = ColumnsFor(type);
        var metadata = new JsonObject();
        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }

        var rows = new JsonArray();
        foreach (var stored in items)
        {
            rows.Add(Row(columns, stored.ToJsonObject(), include, now, converter));
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode)c.Definition()).ToArray()),
            ["rows"] = rows,
        };
    }

    private static JsonObject Row(IReadOnlyList<TableColumn> columns, JsonObject stored, IncludeObject include, DateTimeOffset now,
        IVersionConverter? converter)
    {
        var row = new JsonObject { ["cells"] = new JsonArray(columns.Select(c => c.Cell(stored, now)).ToArray()) };
        var obj = include == IncludeObject.None || converter is null ? stored : converter.FromStorage(stored);
        switch (include)
        {
            case IncludeObject.Object:
                row["object"] = obj;
                break;
            case IncludeObject.Metadata:
                // The row owns its freshly parsed object, so its metadata node can move instead of being copied.
                var metadata = obj["metadata"];
                obj.Remove("metadata");
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = metadata,
                };
                break;
        }

        return row;
    }

    private static IReadOnlyList<TableColumn> ColumnsFor(ResourceType type) => (type.Group, type.Plural) switch
    {
        ("", "pods") => PodColumns,
        ("", "nodes") => NodeColumns,
        ("", "services") => ServiceColumns,
        ("", "namespaces") => NamespaceColumns,
        ("", "configmaps") => ConfigMapColumns,
        ("", "events") => EventColumns,
        ("policy", "poddisruptionbudgets") => PdbColumns,
        ("apps", "deployments") => DeploymentColumns,
        ("apps", "statefulsets") => StatefulSetColumns,
        ("apps", "replicasets") => ReplicaSetColumns,
        ("batch", "jobs") => JobColumns,
        ("autoscaling", "horizontalpodautoscalers") => HpaColumns,
        ("coordination.k8s.io", "leases") => LeaseColumns,
        _ => GenericColumns,
    };

    private static TableColumn NameColumn => new("Name", "string",
        "Name must be unique within a namespace. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
        0, (o, _) => o.Name());

    private static TableColumn AgeColumn => new("Age", "string",
        "CreationTimestamp is a timestamp representing the server time when this object was created.",
        0, (o, now) => HumanDuration.Since(o.GetString("metadata", "creationTimestamp"), now));

    private static readonly TableColumn[] GenericColumns = [NameColumn, AgeColumn];

    private static string OrNone(string? value) => string.IsNullOrEmpty(value) ? "<none>" : value;

    private static string Int(long? value) => (value ?? 0).ToString(CultureInfo.InvariantCulture);

    private static string IntOrString(JsonNode? node) => node switch
    {
        null => "N/A",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
