using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ZeroDowntime.LocalCluster.Lifecycle;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Cluster;

/// <summary>
/// The API server's semantics over the <see cref="ObjectStore"/>, shared by the HTTP layer and by
/// in-process controllers: create (uid, timestamps, generateName, namespace checks), update
/// (resourceVersion preconditions, generation bumps, status isolation), patch, /status and
/// /scale, graceful pod deletion, finalizers and propagation. Synchronous: the store is in memory.
/// </summary>
/// <example><code>
/// var pods = api.Pods;
/// var pod = pods.Create(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "p", ["namespace"] = "default" }, ["spec"] = ... });
/// await foreach (var e in pods.WatchAsync(ns: "default", ct: ct)) { ... }
/// </code></example>
public sealed partial class ClusterApi
{
    private readonly Dictionary<ResourceType, ResourceClient> _clients = [];

    /// <summary>Creates the API over <paramref name="store"/>.</summary>
    public ClusterApi(ObjectStore store, TimeProvider? time = null)
    {
        Store = store;
        Time = time ?? TimeProvider.System;
        foreach (var type in store.Catalog.All)
        {
            _clients[type] = new ResourceClient(this, type);
        }
    }

    /// <summary>The underlying store.</summary>
    public ObjectStore Store { get; }

    /// <summary>The resources served.</summary>
    public ResourceCatalog Resources => Store.Catalog;

    /// <summary>Clock for timestamps.</summary>
    public TimeProvider Time { get; }

    /// <summary>Hooks run on every create/update, in order (defaulting first, then validation).</summary>
    public IList<IAdmissionHook> AdmissionHooks { get; } = [];

    /// <summary>Finishes graceful pod deletion; null removes pods only when a later delete uses grace 0.</summary>
    public IPodTerminator? PodTerminator { get; set; }

    /// <summary>The newest resourceVersion.</summary>
    public long ResourceVersion => Store.ResourceVersion;

    /// <summary>The client for a resource (matched by group and plural when <paramref name="type"/> comes from another catalog).</summary>
    public ResourceClient For(ResourceType type) =>
        _clients.TryGetValue(type, out var client) ? client : _clients[Resources.Get(type.Group, type.Plural)];

    /// <summary>The client for a resource by group and plural (e.g. <c>("apps", "deployments")</c>).</summary>
    public ResourceClient For(string group, string plural) => _clients[Resources.Get(group, plural)];

    /// <summary>The client for a kind (e.g. <c>("apps/v1", "Deployment")</c>).</summary>
    public ResourceClient ForKind(string apiVersion, string kind) =>
        _clients[Resources.FindKind(apiVersion, kind) ?? throw new KeyNotFoundException($"unknown kind {kind} in {apiVersion}")];

    /// <summary>core/v1 pods.</summary>
    public ResourceClient Pods => For("", "pods");

    /// <summary>core/v1 nodes.</summary>
    public ResourceClient Nodes => For("", "nodes");

    /// <summary>core/v1 namespaces.</summary>
    public ResourceClient Namespaces => For("", "namespaces");

    /// <summary>core/v1 services.</summary>
    public ResourceClient Services => For("", "services");

    /// <summary>core/v1 endpoints.</summary>
    public ResourceClient Endpoints => For("", "endpoints");

    /// <summary>core/v1 events.</summary>
    public ResourceClient Events => For("", "events");

    /// <summary>apps/v1 deployments.</summary>
    public ResourceClient Deployments => For("apps", "deployments");

    /// <summary>apps/v1 replicasets.</summary>
    public ResourceClient ReplicaSets => For("apps", "replicasets");

    /// <summary>apps/v1 statefulsets.</summary>
    public ResourceClient StatefulSets => For("apps", "statefulsets");

    /// <summary>batch/v1 jobs.</summary>
    public ResourceClient Jobs => For("batch", "jobs");

    /// <summary>policy/v1 poddisruptionbudgets.</summary>
    public ResourceClient PodDisruptionBudgets => For("policy", "poddisruptionbudgets");

    /// <summary>autoscaling/v2 horizontalpodautoscalers.</summary>
    public ResourceClient HorizontalPodAutoscalers => For("autoscaling", "horizontalpodautoscalers");

    /// <summary>discovery.k8s.io/v1 endpointslices.</summary>
    public ResourceClient EndpointSlices => For("discovery.k8s.io", "endpointslices");

    /// <summary>A watch over every resource (the garbage collector's view); dispose to stop.</summary>
    public StoreWatcher WatchEverything(long? fromResourceVersion) =>
        Store.Watch(null, null, LabelSelectorMatcher.Everything, FieldSelector.Everything, fromResourceVersion);

    /// <summary>Now, formatted as a Kubernetes timestamp.</summary>
    public string Timestamp(TimeSpan offset = default) =>
        (Time.GetUtcNow() + offset).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Creates <paramref name="obj"/> in namespace <paramref name="ns"/> (or the object's own).</summary>
    internal StoredObject CreateStored(ResourceType type, string? ns, JsonObject obj)
    {
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        var metadata = obj.Metadata();
        if (type.Namespaced)
        {
            var bodyNamespace = metadata.GetString("namespace");
            if (ns is not null && bodyNamespace is not null && bodyNamespace.Length > 0 && bodyNamespace != ns)
            {
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = ns ?? (string.IsNullOrEmpty(bodyNamespace) ? "default" : bodyNamespace);
        }
        else
        {
            metadata.Remove("namespace");
        }

        var name = metadata.GetString("name") ?? "";
        var generateName = metadata.GetString("generateName") ?? "";
        if (name.Length == 0 && generateName.Length == 0)
        {
            throw ApiException.Invalid(type, "", new FieldError("FieldValueRequired", "Required value: name or generateName is required", "metadata.name"));
        }

        lock (Store.SyncRoot)
        {
            var namespaceName = metadata.GetString("namespace");
            if (type.Namespaced && Store.Get(Resources.Get("", "namespaces"), null, namespaceName!) is null)
            {
                throw ApiException.NotFound(Resources.Get("", "namespaces"), namespaceName!);
            }

            if (name.Length == 0)
            {
                do
                {
                    name = generateName + RandomSuffix();
                }
                while (Store.Get(type, namespaceName, name) is not null);
                metadata["name"] = name;
            }

            ValidateName(type, name);
            if (Store.Get(type, namespaceName, name) is not null)
            {
                throw ApiException.AlreadyExists(type, name);
            }

            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Timestamp();
            foreach (var systemField in (string[])["resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields"])
            {
                metadata.Remove(systemField);
            }

            if (type.TracksGeneration)
            {
                metadata["generation"] = 1;
            }
            else
            {
                metadata.Remove("generation");
            }

            if (type.HasStatus && type.Kind != "Node")
            {
                obj.Remove("status");
            }

            Admit(AdmissionOperation.Create, type, null, obj, null);
            return Store.Put(type, obj).Object;
        }
    }

    private void Admit(AdmissionOperation operation, ResourceType type, string? subresource, JsonObject obj, JsonObject? old)
    {
        foreach (var hook in AdmissionHooks)
        {
            hook.Admit(new AdmissionContext(operation, type, subresource, obj, old, this));
        }
    }

    private static void ValidateName(ResourceType type, string name)
    {
        if (name.Length > 253 || !NamePattern().IsMatch(name))
        {
            throw ApiException.Invalid(type, name, new FieldError("FieldValueInvalid",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
                "and must start and end with an alphanumeric character", "metadata.name"));
        }
    }

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[Random.Shared.Next(alphabet.Length)];
            }
        });
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex NamePattern();
}
