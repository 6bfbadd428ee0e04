using System.Text.Json.Nodes;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.LocalCluster.Manifests;
using ZeroDowntime.LocalCluster.Security;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// <c>manifests/rbac/zerodowntime-rbac.yaml</c> with the namespace substituted, read as data: its atomic
/// permissions, and an authorizer over it with any one permission taken away. Derived from the file, so
/// rules added by other scenarios are covered without changing the tests.
/// </summary>
public sealed class RbacManifest
{
    /// <summary>The manifest's path relative to the repository.</summary>
    public static readonly string RelativePath = Path.Combine("manifests", "rbac", "zerodowntime-rbac.yaml");

    // One catalog for parsing and the replay store: the store keys its tables by these ResourceType instances.
    private readonly ResourceCatalog _catalog;

    private RbacManifest(string yaml, IReadOnlyList<ManifestDocument> documents, ResourceCatalog catalog)
    {
        _catalog = catalog;
        Yaml = yaml;
        Documents = documents;
        Permissions = documents
            .Where(d => d.Type.Kind is "Role" or "ClusterRole")
            .SelectMany(d => Explode(d).Select(p => p.Permission))
            .ToList();
    }

    /// <summary>The YAML with <c>TARGET_NAMESPACE</c> substituted (what <c>kubectl apply</c> gets).</summary>
    public string Yaml { get; }

    /// <summary>The parsed documents.</summary>
    public IReadOnlyList<ManifestDocument> Documents { get; }

    /// <summary>Every (verb, resource, group) each rule grants, rule by rule.</summary>
    public IReadOnlyList<RbacPermission> Permissions { get; }

    /// <summary>Reads the manifest for <paramref name="targetNamespace"/>.</summary>
    public static RbacManifest Load(string targetNamespace)
    {
        var file = Path.Combine(ManifestLocator.Find(Path.GetDirectoryName(RelativePath)!), Path.GetFileName(RelativePath));
        var yaml = File.ReadAllText(file).Replace("TARGET_NAMESPACE", targetNamespace, StringComparison.Ordinal);
        var catalog = ResourceCatalog.Default;
        return new RbacManifest(yaml, ManifestLoader.Parse(yaml, RelativePath, catalog), catalog);
    }

    /// <summary>The RBAC authorizer over the manifest, optionally with <paramref name="removed"/> taken out of its rule.</summary>
    public RbacAuthorizer Authorizer(RbacPermission? removed = null)
    {
        var store = new ObjectStore(_catalog);
        foreach (var document in Documents)
        {
            var obj = document.Object.DeepClone().AsObject();
            if (removed is not null && RoleName(document) == removed.Role)
            {
                var rules = new JsonArray();
                foreach (var (permission, rule) in Explode(document).Where(p => p.Permission != removed))
                {
                    rules.Add(rule);
                }

                obj["rules"] = rules;
            }

            store.Put(document.Type, obj);
        }

        return new RbacAuthorizer(store);
    }

    /// <summary>The same manifest as YAML-compatible JSON documents with <paramref name="removed"/> taken out (for <c>kubectl apply --validate=false</c>: a List has no OpenAPI schema).</summary>
    public string JsonWithout(RbacPermission removed)
    {
        ArgumentNullException.ThrowIfNull(removed);
        var list = new JsonArray();
        foreach (var document in Documents)
        {
            var obj = document.Object.DeepClone().AsObject();
            if (RoleName(document) == removed.Role)
            {
                obj["rules"] = new JsonArray(Explode(document).Where(p => p.Permission != removed).Select(p => (JsonNode)p.Rule).ToArray());
            }

            list.Add(obj);
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = list }.ToJsonString();
    }

    private static string RoleName(ManifestDocument document) => $"{document.Type.Kind} {document.Object["metadata"]?["name"]}";

    // Each rule as one single-verb, single-resource rule per grant, keeping resourceNames.
    private static IEnumerable<(RbacPermission Permission, JsonObject Rule)> Explode(ManifestDocument document)
    {
        if (document.Type.Kind is not ("Role" or "ClusterRole"))
        {
            yield break;
        }

        var rules = PolicyRule.ListFromRole(document.Object);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            foreach (var verb in rule.Verbs)
            {
                foreach (var url in rule.NonResourceUrls)
                {
                    yield return (new RbacPermission(RoleName(document), i, "", url, verb),
                        new JsonObject { ["nonResourceURLs"] = new JsonArray(url), ["verbs"] = new JsonArray(verb) });
                }

                foreach (var group in rule.ApiGroups)
                {
                    foreach (var resource in rule.Resources)
                    {
                        var single = new JsonObject { ["apiGroups"] = new JsonArray(group), ["resources"] = new JsonArray(resource), ["verbs"] = new JsonArray(verb) };
                        if (rule.ResourceNames.Count > 0)
                        {
                            single["resourceNames"] = new JsonArray(rule.ResourceNames.Select(n => (JsonNode)n).ToArray());
                        }

                        yield return (new RbacPermission(RoleName(document), i, group, resource, verb), single);
                    }
                }
            }
        }
    }
}
