using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ZeroDowntime.LocalCluster.Http;

public sealed partial class ApiServer
{
    /// <summary>The extension APIs (APIService-like) this server fronts.</summary>
    public IList<IAggregatedApi> AggregatedApis { get; } = [];

    /// <summary>The APIGroupList with every aggregated group added after the built-in ones.</summary>
    private JsonObject WithAggregatedGroups(JsonObject groupList)
    {
        var groups = (JsonArray)groupList["groups"]!;
        foreach (var group in AggregatedApis.GroupBy(a => a.Group, StringComparer.Ordinal))
        {
            groups.Add(AggregatedGroup(group.Key, group.Select(a => a.Version).ToList()));
        }

        return groupList;
    }

    /// <summary>The discovery document or handler for a path under an aggregated group; null when the path is not one.</summary>
    private Task? TryRouteAggregated(HttpContext http, string[] segments)
    {
        if (segments.Length < 2 || segments[0] != "apis" || AggregatedApis.Count == 0)
        {
            return null;
        }

        var group = segments[1];
        var versions = AggregatedApis.Where(a => a.Group == group).ToList();
        if (versions.Count == 0)
        {
            return null;
        }

        if (segments.Length == 2)
        {
            return HttpMethods.IsGet(http.Request.Method)
                ? Responses.WriteJsonAsync(http, 200, AggregatedGroup(group, versions.Select(a => a.Version).ToList()))
                : null;
        }

        if (versions.FirstOrDefault(a => a.Version == segments[2]) is not { } api)
        {
            return null;
        }

        return segments.Length == 3
            ? Responses.WriteJsonAsync(http, 200, api.ResourceList())
            : api.HandleAsync(new AggregatedRequest(http, _api, segments[3..]));
    }

    private static JsonObject AggregatedGroup(string group, IReadOnlyList<string> versions) => new()
    {
        ["kind"] = "APIGroup",
        ["apiVersion"] = "v1",
        ["name"] = group,
        ["versions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v }).ToArray()),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
    };
}
