using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Http;

/// <summary>
/// A minimal OpenAPI v3 surface: enough for kubectl's field-validation check (a PATCH operation per
/// kind carrying <c>x-kubernetes-group-version-kind</c> and the <c>fieldValidation</c> query
/// parameter), so <c>kubectl create -f</c> / <c>apply</c> validate server-side instead of
/// downloading schemas. No schemas are served; <c>/openapi/v2</c> answers 404.
/// </summary>
internal static class OpenApi
{
    private const string Hash = "zd-local-1";

    public static JsonObject Root(ResourceCatalog catalog)
    {
        var paths = new JsonObject();
        foreach (var (group, version) in catalog.GroupVersions)
        {
            var key = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? GroupVersion(ResourceCatalog catalog, string key)
    {
        var types = catalog.All.SelectMany(t => t.Versions.Select(v => (Type: t, Version: v)))
            .Where(tv => (tv.Type.Group.Length == 0 ? $"api/{tv.Version}" : $"apis/{tv.Type.Group}/{tv.Version}") == key).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var (type, version) in types)
        {
            var item = type.Namespaced ? $"/{key}/namespaces/{{namespace}}/{type.Plural}/{{name}}" : $"/{key}/{type.Plural}/{{name}}";
            paths[item] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{type.Kind}",
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = version, ["kind"] = type.Kind },
                    ["parameters"] = new JsonArray(
                        Query("dryRun"), Query("fieldManager"), Query("fieldValidation"), Query("force")),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = KubernetesVersion.GitVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject Query(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
