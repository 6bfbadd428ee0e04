using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Http;

/// <summary>
/// Discovery documents kubectl v1.32 accepts: APIVersions (/api), APIGroupList (/apis, always
/// plain JSON so kubectl falls back from aggregated discovery), APIGroup and APIResourceLists.
/// </summary>
internal static class Discovery
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] StatusVerbs = ["get", "patch", "update"];

    public static JsonObject Version() => new()
    {
        ["major"] = KubernetesVersion.Major,
        ["minor"] = KubernetesVersion.Minor,
        ["gitVersion"] = KubernetesVersion.GitVersion,
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = $"{Nodes.HostFacts.Current.OperatingSystem}/{Nodes.HostFacts.Current.Architecture}",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceCatalog catalog) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(catalog.All.Where(t => t.Group.Length > 0).Select(t => t.Group).Distinct()
            .Select(g => (JsonNode)Group(catalog, g)).ToArray()),
    };

    public static JsonObject Group(ResourceCatalog catalog, string group)
    {
        var versions = catalog.VersionsOf(group);
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v }).ToArray()),
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    public static bool HasGroup(ResourceCatalog catalog, string group) => catalog.All.Any(t => t.Group == group && group.Length > 0);

    public static JsonObject? ResourceList(ResourceCatalog catalog, string group, string version, SubresourceRegistry? subresources = null)
    {
        var types = catalog.All.Where(t => t.Group == group && t.Serves(version)).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var type in types)
        {
            var entry = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = Strings(AllVerbs),
            };
            if (type.ShortNames.Count > 0)
            {
                entry["shortNames"] = Strings(type.ShortNames);
            }

            if (type.Categories.Count > 0)
            {
                entry["categories"] = Strings(type.Categories);
            }

            resources.Add(entry);
            if (type.HasStatus)
            {
                resources.Add(Sub(type, new SubresourceInfo("status", type.Kind, StatusVerbs)));
            }

            if (type.HasScale)
            {
                resources.Add(Sub(type, new SubresourceInfo("scale", "Scale", StatusVerbs, "autoscaling", "v1")));
            }

            foreach (var sub in type.ExtraSubresources.Concat(subresources?.Advertised(type) ?? []))
            {
                resources.Add(Sub(type, sub));
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Sub(ResourceType type, SubresourceInfo sub)
    {
        var entry = new JsonObject
        {
            ["name"] = $"{type.Plural}/{sub.Name}",
            ["singularName"] = "",
            ["namespaced"] = type.Namespaced,
        };
        if (sub.Group is not null)
        {
            entry["group"] = sub.Group;
            entry["version"] = sub.Version;
        }

        entry["kind"] = sub.Kind;
        entry["verbs"] = Strings(sub.Verbs);
        return entry;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
