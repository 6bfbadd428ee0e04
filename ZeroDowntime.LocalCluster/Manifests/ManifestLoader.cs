using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Manifests;

/// <summary>
/// Reads multi-document YAML manifests (<c>*.yaml</c>, <c>*.yml</c>, <c>*.json</c>, recursively,
/// in path order) and applies them in dependency order: Namespaces, ServiceAccounts, Secrets and
/// ConfigMaps, Services, PDBs, then workloads, Pods and HPAs. Namespaces are created as needed.
/// </summary>
/// <example><code>
/// var docs = ManifestLoader.LoadDirectory("manifests/sample-target", api.Resources);
/// ManifestLoader.Apply(api, docs);
/// </code></example>
public static class ManifestLoader
{
    private static readonly string[] Order =
    [
        "Namespace", "ServiceAccount", "Secret", "ConfigMap", "PersistentVolumeClaim", "Service", "PodDisruptionBudget",
        "Endpoints", "EndpointSlice", "NetworkPolicy", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob",
        "Pod", "HorizontalPodAutoscaler",
    ];

    /// <summary>Parses every manifest under <paramref name="directory"/>; throws <see cref="ManifestException"/>.</summary>
    public static IReadOnlyList<ManifestDocument> LoadDirectory(string directory, ResourceCatalog catalog)
    {
        if (!Directory.Exists(directory))
        {
            throw new ManifestException($"The manifests directory '{directory}' does not exist.");
        }

        return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".yaml" or ".yml" or ".json")
            .Order(StringComparer.Ordinal)
            .SelectMany(f => Parse(File.ReadAllText(f), f, catalog))
            .ToList();
    }

    /// <summary>Parses one file's text.</summary>
    public static IReadOnlyList<ManifestDocument> Parse(string yaml, string fileName, ResourceCatalog catalog)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ManifestException($"{fileName}: line {e.Start.Line}: the YAML does not parse ({FirstLine(e.Message)}).", e);
        }

        var documents = new List<ManifestDocument>();
        var index = 0;
        foreach (var document in stream.Documents)
        {
            index++;
            JsonNode? node;
            try
            {
                node = YamlJson.Convert(document.RootNode);
            }
            catch (YamlException e)
            {
                throw new ManifestException($"{fileName}: line {e.Start.Line}: the YAML does not parse ({FirstLine(e.Message)}).", e);
            }

            if (node is null || node is JsonValue v && v.ToString().Length == 0)
            {
                continue;
            }

            if (node is not JsonObject obj)
            {
                throw new ManifestException($"{fileName}: document {index} is not a Kubernetes object (expected a mapping with apiVersion and kind).");
            }

            if (obj.GetString("kind") is { } listKind && listKind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
            {
                documents.AddRange(items.OfType<JsonObject>().Select(item => Describe(item.DeepClone().AsObject(), fileName, index, catalog)));
                continue;
            }

            documents.Add(Describe(obj, fileName, index, catalog));
        }

        return documents;
    }

    /// <summary>Applies documents in dependency order (create, or replace when present); returns how many were applied.</summary>
    public static int Apply(ClusterApi api, IEnumerable<ManifestDocument> documents)
    {
        var ordered = documents.Select((d, i) => (d, i))
            .OrderBy(p => Rank(p.d.Type.Kind)).ThenBy(p => p.i).Select(p => p.d).ToList();
        foreach (var document in ordered)
        {
            try
            {
                ApplyOne(api, document);
            }
            catch (ApiException e)
            {
                throw new ManifestException($"{document.Origin}: {e.Message}.", e);
            }
        }

        return ordered.Count;
    }

    private static void ApplyOne(ClusterApi api, ManifestDocument document)
    {
        var client = api.For(document.Type);
        var type = client.Type;
        var obj = document.Object.DeepClone().AsObject();
        if (type.Namespaced)
        {
            var ns = obj.Namespace() is { Length: > 0 } given ? given : "default";
            obj.Metadata()["namespace"] = ns;
            EnsureNamespace(api, ns);
        }

        var status = obj["status"]?.DeepClone();
        var name = obj.Name();
        JsonObject stored;
        if (name.Length > 0 && client.TryGet(obj.Namespace(), name) is { } existing)
        {
            obj.Metadata()["resourceVersion"] = existing.GetString("metadata", "resourceVersion");
            stored = client.Update(obj);
        }
        else
        {
            stored = client.Create(obj);
        }

        if (status is not null && type.HasStatus)
        {
            // Manifests may carry status (e.g. a pre-Ready pod); the API drops it on create, so write it back.
            stored["status"] = status;
            client.UpdateStatus(stored);
        }
    }

    private static void EnsureNamespace(ClusterApi api, string ns)
    {
        if (api.Namespaces.TryGet(null, ns) is null)
        {
            api.Namespaces.Create(new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        }
    }

    private static ManifestDocument Describe(JsonObject obj, string fileName, int index, ResourceCatalog catalog)
    {
        var apiVersion = obj.GetString("apiVersion");
        var kind = obj.GetString("kind");
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            throw new ManifestException($"{fileName}: document {index} has no apiVersion or kind.");
        }

        var type = catalog.FindKind(apiVersion, kind)
            ?? throw new ManifestException($"{fileName}: document {index} has unknown kind \"{kind}\" (apiVersion \"{apiVersion}\").");
        if (type.Versions.FirstOrDefault(v => type.ApiVersionOf(v) == apiVersion) is { } version && type.ConverterFor(version) is { } converter)
        {
            // Written in another served version (autoscaling/v1): stored in the resource's storage version.
            obj = converter.ToStorage(obj);
        }

        return new ManifestDocument(fileName, index, type, obj);
    }

    private static int Rank(string kind)
    {
        var rank = Array.IndexOf(Order, kind);
        return rank < 0 ? Order.Length : rank;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim().TrimEnd('.');
}
