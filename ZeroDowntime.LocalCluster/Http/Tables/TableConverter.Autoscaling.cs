using System.Globalization;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Http.Tables;

internal static partial class TableConverter
{
    private static readonly TableColumn[] HpaColumns =
    [
        NameColumn,
        new("Reference", "string", "Reference to the scaled target.", 0,
            (o, _) => $"{o.GetString("spec", "scaleTargetRef", "kind")}/{o.GetString("spec", "scaleTargetRef", "name")}"),
        new("Targets", "string", "Current and target metric values.", 0, (o, _) => HpaTargets(o)),
        new("MinPods", "string", "Lower limit for the number of pods.", 0,
            (o, _) => o.GetInt64("spec", "minReplicas") is { } min ? Int(min) : "<unset>"),
        new("MaxPods", "integer", "Upper limit for the number of pods.", 0, (o, _) => o.GetInt64("spec", "maxReplicas") ?? 0),
        new("Replicas", "integer", "Current number of replicas.", 0, (o, _) => o.GetInt64("status", "currentReplicas") ?? 0),
        AgeColumn,
    ];

    /// <summary>The TARGETS cell as the API server's printer writes it (formatHPAMetrics): at most two metrics, then "+ N more...".</summary>
    private static string HpaTargets(JsonObject hpa)
    {
        var specs = (hpa.GetNode("spec", "metrics") as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (specs.Count == 0)
        {
            return "<none>";
        }

        var statuses = (hpa.GetNode("status", "currentMetrics") as JsonArray)?.ToList() ?? [];
        var cells = specs.Select((spec, i) => Target(spec, i < statuses.Count ? statuses[i] as JsonObject : null)).ToList();
        const int Maximum = 2;
        return cells.Count > Maximum
            ? $"{string.Join(", ", cells.Take(Maximum))} + {(cells.Count - Maximum).ToString(CultureInfo.InvariantCulture)} more..."
            : string.Join(", ", cells);
    }

    private static string Target(JsonObject spec, JsonObject? status)
    {
        const string Unknown = "<unknown>";
        string Value(string source, params string[] path) => status?.GetNode([source, .. path]) is JsonValue v ? v.ToString() : Unknown;
        switch (spec.GetString("type"))
        {
            case "External" or "Object" when spec.GetString(Source(spec), "target", "averageValue") is { } average:
                return $"{Value(Source(spec), "current", "averageValue")}/{average} (avg)";
            case "External" or "Object":
                return $"{Value(Source(spec), "current", "value")}/{spec.GetString(Source(spec), "target", "value")}";
            case "Pods":
                return $"{Value("pods", "current", "averageValue")}/{spec.GetString("pods", "target", "averageValue")}";
            case "Resource" or "ContainerResource":
                var source = Source(spec);
                var name = spec.GetString(source, "name");
                if (spec.GetString(source, "target", "averageValue") is { } value)
                {
                    return $"{name}: {Value(source, "current", "averageValue")}/{value}";
                }

                var current = status?.GetInt64(source, "current", "averageUtilization") is { } utilization ? $"{Int(utilization)}%" : Unknown;
                var target = spec.GetInt64(source, "target", "averageUtilization") is { } aim ? $"{Int(aim)}%" : "<auto>";
                return $"{name}: {current}/{target}";
            default:
                return "<unknown type>";
        }
    }

    private static string Source(JsonObject spec) => spec.GetString("type") switch
    {
        "External" => "external",
        "Object" => "object",
        "Pods" => "pods",
        "ContainerResource" => "containerResource",
        _ => "resource",
    };
}
