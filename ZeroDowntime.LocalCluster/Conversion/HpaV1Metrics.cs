using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Conversion;

/// <summary>
/// Metric specs, metric statuses and conditions between autoscaling/v2 and the autoscaling/v1 forms the
/// round-trip annotations hold (k8s.io/api/autoscaling/v1 MetricSpec / MetricStatus, the v2beta1 shapes).
/// Quantities that v1 declares as values rather than pointers are written as <c>"0"</c> when unset, as Go does.
/// </summary>
internal static class HpaV1Metrics
{
    private const string Zero = "0";

    public static JsonNode SpecToV1(JsonObject metric)
    {
        var type = metric.GetString("type") ?? "";
        var v1 = new JsonObject { ["type"] = type };
        switch (type)
        {
            case "Object" when metric["object"] is JsonObject o:
                v1["object"] = Fields(
                    ("target", o["describedObject"]?.DeepClone() ?? new JsonObject()),
                    ("metricName", o.GetString("metric", "name") ?? ""),
                    ("targetValue", o.GetNode("target", "value")?.DeepClone() ?? Zero),
                    ("selector", o.GetNode("metric", "selector")?.DeepClone()),
                    ("averageValue", o.GetNode("target", "averageValue")?.DeepClone()));
                break;
            case "Pods" when metric["pods"] is JsonObject p:
                v1["pods"] = Fields(
                    ("metricName", p.GetString("metric", "name") ?? ""),
                    ("targetAverageValue", p.GetNode("target", "averageValue")?.DeepClone() ?? Zero),
                    ("selector", p.GetNode("metric", "selector")?.DeepClone()));
                break;
            case "Resource" when metric["resource"] is JsonObject r:
                v1["resource"] = Fields(
                    ("name", r.GetString("name") ?? ""),
                    ("targetAverageUtilization", r.GetNode("target", "averageUtilization")?.DeepClone()),
                    ("targetAverageValue", r.GetNode("target", "averageValue")?.DeepClone()));
                break;
            case "ContainerResource" when metric["containerResource"] is JsonObject c:
                v1["containerResource"] = Fields(
                    ("name", c.GetString("name") ?? ""),
                    ("targetAverageUtilization", c.GetNode("target", "averageUtilization")?.DeepClone()),
                    ("targetAverageValue", c.GetNode("target", "averageValue")?.DeepClone()),
                    ("container", c.GetString("container") ?? ""));
                break;
            case "External" when metric["external"] is JsonObject e:
                v1["external"] = Fields(
                    ("metricName", e.GetString("metric", "name") ?? ""),
                    ("metricSelector", e.GetNode("metric", "selector")?.DeepClone()),
                    ("targetValue", e.GetNode("target", "value")?.DeepClone()),
                    ("targetAverageValue", e.GetNode("target", "averageValue")?.DeepClone()));
                break;
        }

        return v1;
    }

    public static JsonNode SpecFromV1(JsonObject metric)
    {
        var type = metric.GetString("type") ?? "";
        var v2 = new JsonObject { ["type"] = type };
        switch (type)
        {
            case "Object" when metric["object"] is JsonObject o:
                v2["object"] = Fields(
                    ("describedObject", o["target"]?.DeepClone() ?? new JsonObject()),
                    ("metric", Identifier(o.GetString("metricName"), o["selector"])),
                    ("target", Fields(
                        ("type", o["averageValue"] is null ? "Value" : "AverageValue"),
                        ("value", o["targetValue"]?.DeepClone() ?? Zero),
                        ("averageValue", o["averageValue"]?.DeepClone()))));
                break;
            case "Pods" when metric["pods"] is JsonObject p:
                v2["pods"] = Fields(
                    ("metric", Identifier(p.GetString("metricName"), p["selector"])),
                    ("target", Fields(("type", "AverageValue"), ("averageValue", p["targetAverageValue"]?.DeepClone() ?? Zero))));
                break;
            case "Resource" when metric["resource"] is JsonObject r:
                v2["resource"] = Fields(("name", r.GetString("name") ?? ""), ("target", ResourceTarget(r)));
                break;
            case "ContainerResource" when metric["containerResource"] is JsonObject c:
                v2["containerResource"] = Fields(("name", c.GetString("name") ?? ""), ("target", ResourceTarget(c)), ("container", c.GetString("container") ?? ""));
                break;
            case "External" when metric["external"] is JsonObject e:
                v2["external"] = Fields(
                    ("metric", Identifier(e.GetString("metricName"), e["metricSelector"])),
                    ("target", Fields(
                        ("type", e["targetValue"] is null ? "AverageValue" : "Value"),
                        ("value", e["targetValue"]?.DeepClone()),
                        ("averageValue", e["targetAverageValue"]?.DeepClone()))));
                break;
        }

        return v2;
    }

    public static JsonNode StatusToV1(JsonObject metric)
    {
        var type = metric.GetString("type") ?? "";
        var v1 = new JsonObject { ["type"] = type };
        switch (type)
        {
            case "Object" when metric["object"] is JsonObject o:
                v1["object"] = Fields(
                    ("target", o["describedObject"]?.DeepClone() ?? new JsonObject()),
                    ("metricName", o.GetString("metric", "name") ?? ""),
                    ("currentValue", o.GetNode("current", "value")?.DeepClone() ?? Zero),
                    ("selector", o.GetNode("metric", "selector")?.DeepClone()),
                    ("averageValue", o.GetNode("current", "averageValue")?.DeepClone()));
                break;
            case "Pods" when metric["pods"] is JsonObject p:
                v1["pods"] = Fields(
                    ("metricName", p.GetString("metric", "name") ?? ""),
                    ("currentAverageValue", p.GetNode("current", "averageValue")?.DeepClone() ?? Zero),
                    ("selector", p.GetNode("metric", "selector")?.DeepClone()));
                break;
            case "Resource" when metric["resource"] is JsonObject r:
                v1["resource"] = Fields(
                    ("name", r.GetString("name") ?? ""),
                    ("currentAverageUtilization", r.GetNode("current", "averageUtilization")?.DeepClone()),
                    ("currentAverageValue", r.GetNode("current", "averageValue")?.DeepClone() ?? Zero));
                break;
            case "ContainerResource" when metric["containerResource"] is JsonObject c:
                v1["containerResource"] = Fields(
                    ("name", c.GetString("name") ?? ""),
                    ("currentAverageUtilization", c.GetNode("current", "averageUtilization")?.DeepClone()),
                    ("currentAverageValue", c.GetNode("current", "averageValue")?.DeepClone() ?? Zero),
                    ("container", c.GetString("container") ?? ""));
                break;
            case "External" when metric["external"] is JsonObject e:
                v1["external"] = Fields(
                    ("metricName", e.GetString("metric", "name") ?? ""),
                    ("metricSelector", e.GetNode("metric", "selector")?.DeepClone()),
                    ("currentValue", e.GetNode("current", "value")?.DeepClone() ?? Zero),
                    ("currentAverageValue", e.GetNode("current", "averageValue")?.DeepClone()));
                break;
        }

        return v1;
    }

    public static JsonNode StatusFromV1(JsonObject metric)
    {
        var type = metric.GetString("type") ?? "";
        var v2 = new JsonObject { ["type"] = type };
        switch (type)
        {
            case "Object" when metric["object"] is JsonObject o:
                v2["object"] = Fields(
                    ("describedObject", o["target"]?.DeepClone() ?? new JsonObject()),
                    ("metric", Identifier(o.GetString("metricName"), o["selector"])),
                    ("current", Fields(("value", o["currentValue"]?.DeepClone() ?? Zero), ("averageValue", o["averageValue"]?.DeepClone()))));
                break;
            case "Pods" when metric["pods"] is JsonObject p:
                v2["pods"] = Fields(
                    ("metric", Identifier(p.GetString("metricName"), p["selector"])),
                    ("current", Fields(("averageValue", p["currentAverageValue"]?.DeepClone() ?? Zero))));
                break;
            case "Resource" when metric["resource"] is JsonObject r:
                v2["resource"] = Fields(("name", r.GetString("name") ?? ""), ("current", ResourceCurrent(r)));
                break;
            case "ContainerResource" when metric["containerResource"] is JsonObject c:
                v2["containerResource"] = Fields(("name", c.GetString("name") ?? ""), ("current", ResourceCurrent(c)), ("container", c.GetString("container") ?? ""));
                break;
            case "External" when metric["external"] is JsonObject e:
                v2["external"] = Fields(
                    ("metric", Identifier(e.GetString("metricName"), e["metricSelector"])),
                    ("current", Fields(("value", e["currentValue"]?.DeepClone() ?? Zero), ("averageValue", e["currentAverageValue"]?.DeepClone()))));
                break;
        }

        return v2;
    }

    /// <summary>A v2 condition in v1's shape (the same fields, in v1's order).</summary>
    public static JsonNode ConditionToV1(JsonObject condition) => Fields(
        ("type", condition["type"]?.DeepClone() ?? ""),
        ("status", condition["status"]?.DeepClone() ?? ""),
        ("lastTransitionTime", condition["lastTransitionTime"]?.DeepClone()),
        ("reason", condition["reason"]?.DeepClone()),
        ("message", condition["message"]?.DeepClone()));

    private static JsonObject ResourceTarget(JsonObject v1) => Fields(
        ("type", v1["targetAverageUtilization"] is null ? "AverageValue" : "Utilization"),
        ("averageUtilization", v1["targetAverageUtilization"]?.DeepClone()),
        ("averageValue", v1["targetAverageValue"]?.DeepClone()));

    private static JsonObject ResourceCurrent(JsonObject v1) => Fields(
        ("averageValue", v1["currentAverageValue"]?.DeepClone() ?? Zero),
        ("averageUtilization", v1["currentAverageUtilization"]?.DeepClone()));

    private static JsonObject Identifier(string? name, JsonNode? selector) => Fields(("name", name ?? ""), ("selector", selector?.DeepClone()));

    /// <summary>An object of the given fields in order, leaving out the null ones (Go's omitempty on pointers).</summary>
    private static JsonObject Fields(params (string Name, JsonNode? Value)[] fields)
    {
        var obj = new JsonObject();
        foreach (var (name, value) in fields)
        {
            if (value is not null && !(value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Null))
            {
                obj[name] = value;
            }
        }

        return obj;
    }
}
