using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Patching;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Cluster;

/// <summary>
/// In-process access to one resource, with the same semantics as the HTTP API. Every object
/// returned is a private copy. Errors are <see cref="ApiException"/>s (404, 409, 422...).
/// </summary>
/// <example><code>
/// var rs = api.ReplicaSets.Get("default", "web-7d9f");
/// api.ReplicaSets.Mutate("default", "web-7d9f", o => o.Ensure("status")["replicas"] = 3, status: true);
/// </code></example>
public sealed class ResourceClient
{
    private readonly ClusterApi _api;

    internal ResourceClient(ClusterApi api, ResourceType type)
    {
        _api = api;
        Type = type;
    }

    /// <summary>The resource.</summary>
    public ResourceType Type { get; }

    /// <summary>The object, or null when it does not exist.</summary>
    public JsonObject? TryGet(string? ns, string name) => _api.Store.Get(Type, ns, name)?.ToJsonObject();

    /// <summary>The object, or a 404 <see cref="ApiException"/>.</summary>
    public JsonObject Get(string? ns, string name) => TryGet(ns, name) ?? throw ApiException.NotFound(Type, name);

    /// <summary>All matching objects (namespace null = all namespaces).</summary>
    public IReadOnlyList<JsonObject> List(string? ns = null, string? labelSelector = null, string? fieldSelector = null) =>
        ListStored(ns, labelSelector, fieldSelector).Select(o => o.ToJsonObject()).ToList();

    /// <summary>All matching stored states, without parsing (for fast filtering on labels/fields).</summary>
    public IReadOnlyList<StoredObject> ListStored(string? ns = null, string? labelSelector = null, string? fieldSelector = null) =>
        _api.Store.List(Type, ns, new ListQuery
        {
            Labels = LabelSelectorMatcher.Parse(labelSelector),
            Fields = FieldSelector.Parse(fieldSelector, Type),
        }).Items;

    /// <summary>Creates the object in its metadata.namespace (default <c>default</c>).</summary>
    public JsonObject Create(JsonObject obj) => _api.CreateStored(Type, obj.Namespace(), obj).ToJsonObject();

    /// <summary>Replaces the object; metadata.resourceVersion, when set, must be current (409 otherwise).</summary>
    public JsonObject Update(JsonObject obj) => _api.UpdateStored(Type, obj.Namespace(), obj.Name(), obj, null).ToJsonObject();

    /// <summary>Replaces only the object's status (the /status subresource).</summary>
    public JsonObject UpdateStatus(JsonObject obj) => _api.UpdateStored(Type, obj.Namespace(), obj.Name(), obj, "status").ToJsonObject();

    /// <summary>Patches the object, or its <c>status</c> / <c>scale</c> subresource.</summary>
    public JsonObject Patch(string? ns, string name, V1Patch.PatchType patchType, JsonNode patch, string? subresource = null)
    {
        var stored = _api.PatchStored(Type, ns, name, patchType, patch, subresource);
        return subresource == "scale" ? _api.ScaleOf(stored) : stored.ToJsonObject();
    }

    /// <summary>
    /// Reads, changes and writes the object atomically (no conflicts possible); with
    /// <paramref name="status"/> only the status change is kept. Returns the stored result.
    /// </summary>
    public JsonObject Mutate(string? ns, string name, Action<JsonObject> change, bool status = false)
    {
        lock (_api.Store.SyncRoot)
        {
            var obj = Get(ns, name);
            change(obj);
            return _api.UpdateStored(Type, ns, name, obj, status ? "status" : null).ToJsonObject();
        }
    }

    /// <summary>Deletes the object (see <see cref="ClusterApi"/> for graceful pod deletion and propagation).</summary>
    public DeleteResult Delete(string? ns, string name, V1DeleteOptions? options = null)
    {
        var (obj, removed) = _api.DeleteStored(Type, ns, name, options ?? new V1DeleteOptions());
        return new DeleteResult(obj.ToJsonObject(), removed);
    }

    /// <summary>
    /// Registers a watch. Without <paramref name="resourceVersion"/> the current matching objects
    /// arrive first as ADDED; with one, the changes after it (410 <see cref="ApiException"/> when too old).
    /// Dispose the watcher to stop.
    /// </summary>
    public StoreWatcher Watch(string? ns = null, string? labelSelector = null, string? fieldSelector = null, long? resourceVersion = null) =>
        _api.Store.Watch(Type, ns, LabelSelectorMatcher.Parse(labelSelector), FieldSelector.Parse(fieldSelector, Type), resourceVersion);

    /// <summary>
    /// The informer-style stream: current matching objects as ADDED, then every change, until
    /// <paramref name="ct"/> is cancelled.
    /// </summary>
    public async IAsyncEnumerable<ResourceEvent> WatchAsync(string? ns = null, string? labelSelector = null, string? fieldSelector = null,
        long? resourceVersion = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var watcher = Watch(ns, labelSelector, fieldSelector, resourceVersion);
        await foreach (var frame in watcher.ReadAllAsync(ct).ConfigureAwait(false))
        {
            yield return new ResourceEvent(frame.Type, frame.Object);
        }
    }
}
