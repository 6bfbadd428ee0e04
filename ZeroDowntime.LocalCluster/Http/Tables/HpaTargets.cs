using System.Globalization;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Http.Tables;

/// <summary>The TARGETS column of <c>kubectl get hpa</c> as kubectl's printer writes it: <c>cpu: 45%/50%</c>, <c>250m/500m</c>, at most two metrics then <c>+ N more...</c>.</summary>
internal static class HpaTargets
{
    public static string Format(JsonObject hpa)
    {
        var specs = (hpa.GetNode("spec", "metrics") as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (specs.Count == 0)
        {
            return "<none>";
        }

        var statuses = (hpa.GetNode("status", "currentMetrics") as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var list = new List<string>();
        for (var i = 0; i < specs.Count; i++)
        {
            if (list.Count == 2)
            {
                return $"{string.Join(", ", list)} + {(specs.Count - i).ToString(CultureInfo.InvariantCulture)} more...";
            }

            var status = i < statuses.Count ? statuses[i] : null;
            list.Add(specs[i].GetString("type") switch
            {
                "Resource" => Resource(specs[i], status, "resource"),
                "ContainerResource" => Resource(specs[i], status, "containerResource"),
                "Pods" => $"{status?.GetString("pods", "current", "averageValue") ?? "<unknown>"}/{specs[i].GetString("pods", "target", "averageValue")}",
                _ => "<unknown>",
            });
        }

        return string.Join(", ", list);
    }

    private static string Resource(JsonObject spec, JsonObject? status, string field)
    {
        if (spec.GetString(field, "target", "averageValue") is { } averageValue)
        {
            return $"{status?.GetString(field, "current", "averageValue") ?? "<unknown>"}/{averageValue}";
        }

        var current = status?.GetInt64(field, "current", "averageUtilization") is { } u ? $"{u.ToString(CultureInfo.InvariantCulture)}%" : "<unknown>";
        var target = spec.GetInt64(field, "target", "averageUtilization") is { } t ? $"{t.ToString(CultureInfo.InvariantCulture)}%" : "<auto>";
        return $"{spec.GetString(field, "name")}: {current}/{target}";
    }
}
