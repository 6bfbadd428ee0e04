using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace ZeroDowntime.MockVllm.Membership;

/// <summary>
/// Head routes: Ray's dashboard state API <c>GET /api/v0/nodes</c> (same path, envelope and node fields) and
/// the private heartbeat/leave calls workers make.
/// </summary>
internal static class MembershipEndpoints
{
    public const string HeartbeatPath = "/api/zd/heartbeat";
    public const string LeavePath = "/api/zd/leave";
    private const int DefaultLimit = 100;
    private static readonly string[] FilterableColumns = ["node_id", "node_ip", "is_head_node", "state", "node_name"];

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/v0/nodes", ListNodes);
        app.MapPost(HeartbeatPath, async (HttpContext context, ClusterMembership membership) =>
        {
            var request = await ReadAsync<HeartbeatRequest>(context);
            return request is null || string.IsNullOrEmpty(request.NodeId)
                ? Results.Json(new { error = "Body must be a heartbeat with node_id." }, statusCode: 400)
                : Results.Json(membership.Heartbeat(request), MembershipJson.Options);
        });
        app.MapPost(LeavePath, async (HttpContext context, ClusterMembership membership) =>
        {
            var request = await ReadAsync<LeaveRequest>(context);
            if (request is null || string.IsNullOrEmpty(request.NodeId))
            {
                return Results.Json(new { error = "Body must be a leave request with node_id." }, statusCode: 400);
            }
            return membership.Leave(request) ? Results.Json(new { left = true }) : Results.Json(new { error = "Unknown node." }, statusCode: 404);
        });
    }

    private static IResult ListNodes(HttpRequest request, ClusterMembership membership)
    {
        var keys = request.Query["filter_keys"];
        var predicates = request.Query["filter_predicates"];
        var values = request.Query["filter_values"];
        if (keys.Count != predicates.Count || keys.Count != values.Count)
        {
            return Failure("filter_keys, filter_predicates and filter_values must have the same number of entries.");
        }
        var filters = new List<(string Key, string Predicate, string Value)>();
        for (var i = 0; i < keys.Count; i++)
        {
            var (key, predicate) = (keys[i]!, predicates[i]!);
            if (!FilterableColumns.Contains(key))
            {
                return Failure($"The given filter column {key} is not supported. Supported filter columns: {string.Join(", ", FilterableColumns)}");
            }
            if (predicate is not ("=" or "!="))
            {
                return Failure($"Unsupported filter predicate {predicate}: use = or !=.");
            }
            filters.Add((key, predicate, values[i]!));
        }
        var limit = ParseLimit(request.Query["limit"]);
        var all = membership.Snapshot();
        var filtered = all.Where(node => filters.All(f => Matches(node, f.Key, f.Value) == (f.Predicate == "="))).ToList();
        var page = filtered.Take(limit).Select(ToRayNodeState).ToList();
        return Results.Json(new Dictionary<string, object?>
        {
            ["result"] = true,
            ["msg"] = "",
            ["data"] = new Dictionary<string, object?>
            {
                ["result"] = new Dictionary<string, object?>
                {
                    ["total"] = all.Count,
                    ["num_after_truncation"] = all.Count,
                    ["num_filtered"] = filtered.Count,
                    ["result"] = page,
                    ["partial_failure_warning"] = "",
                    ["warnings"] = null,
                },
            },
        });
    }

    private static Dictionary<string, object?> ToRayNodeState(NodeRecord node) => new()
    {
        ["node_id"] = node.NodeId,
        ["node_ip"] = node.NodeIp,
        ["is_head_node"] = node.IsHeadNode,
        ["state"] = node.State,
        ["state_message"] = node.StateMessage,
        ["node_name"] = node.NodeName,
        ["resources_total"] = node.ResourcesTotal,
        ["labels"] = node.Labels,
        ["start_time_ms"] = node.StartTimeMs,
        ["end_time_ms"] = node.EndTimeMs,
    };

    private static bool Matches(NodeRecord node, string key, string value) => key switch
    {
        "node_id" => node.NodeId == value,
        "node_ip" => node.NodeIp == value,
        "node_name" => node.NodeName == value,
        "state" => node.State.Equals(value, StringComparison.OrdinalIgnoreCase),
        _ => (value.ToLowerInvariant() is "true" or "1") == node.IsHeadNode,
    };

    private static int ParseLimit(StringValues limit) =>
        int.TryParse(limit.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : DefaultLimit;

    private static IResult Failure(string message) =>
        Results.Json(new Dictionary<string, object?> { ["result"] = false, ["msg"] = message, ["data"] = new Dictionary<string, object?>() }, statusCode: 400);

    private static async Task<T?> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, MembershipJson.Options, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
