using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Cluster;

/// <summary>
/// ownerReference garbage collection, driven by store events: when an owner is removed its
/// dependents are deleted (Background); an owner holding the <c>orphan</c> finalizer has its
/// dependents' ownerReferences stripped, then the finalizer removed; one holding
/// <c>foregroundDeletion</c> has its dependents deleted and goes once none remain.
/// </summary>
public sealed class GarbageCollector : IDisposable
{
    private readonly ClusterApi _api;
    private readonly StoreWatcher _watcher;

    /// <summary>Creates a collector for <paramref name="api"/>; it sees every change from now on, even before <see cref="RunAsync"/> starts.</summary>
    public GarbageCollector(ClusterApi api)
    {
        _api = api;
        _watcher = api.WatchEverything(Math.Max(1, api.ResourceVersion));
    }

    /// <summary>Stops watching.</summary>
    public void Dispose() => _watcher.Dispose();

    /// <summary>Runs until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var watcher = _watcher;
        while (!ct.IsCancellationRequested)
        {
            StoreEvent? e;
            try
            {
                e = await watcher.ReadRawAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (e is null)
            {
                return;
            }

            Handle(e);
        }
    }

    /// <summary>Reacts to one change (public for deterministic tests).</summary>
    public void Handle(StoreEvent e)
    {
        if (e.Type == WatchEventType.Deleted)
        {
            foreach (var dependent in _api.Store.DependentsOf(e.Object.Uid))
            {
                Ignore404And409(() => _api.DeleteStored(dependent.Type, dependent.Namespace, dependent.Name,
                    new V1DeleteOptions { PropagationPolicy = nameof(PropagationPolicy.Background) }));
            }

            foreach (var ownerUid in e.Object.OwnerUids)
            {
                if (_api.Store.GetByUid(ownerUid) is { } owner)
                {
                    FinishForeground(owner);
                }
            }

            return;
        }

        var obj = e.Object;
        if (!HasDeletionTimestamp(obj))
        {
            return;
        }

        var finalizers = Finalizers(obj);
        if (finalizers.Contains(ClusterApi.OrphanFinalizer))
        {
            foreach (var dependent in _api.Store.DependentsOf(obj.Uid))
            {
                Ignore404And409(() => _api.For(dependent.Type).Mutate(dependent.Namespace, dependent.Name, d =>
                {
                    if (d.GetNode("metadata", "ownerReferences") is JsonArray refs)
                    {
                        foreach (var r in refs.OfType<JsonObject>().Where(r => r.GetString("uid") == obj.Uid).ToList())
                        {
                            refs.Remove(r);
                        }

                        if (refs.Count == 0)
                        {
                            d.Metadata().Remove("ownerReferences");
                        }
                    }
                }));
            }

            RemoveFinalizer(obj, ClusterApi.OrphanFinalizer);
        }
        else if (finalizers.Contains(ClusterApi.ForegroundFinalizer))
        {
            foreach (var dependent in _api.Store.DependentsOf(obj.Uid))
            {
                Ignore404And409(() => _api.DeleteStored(dependent.Type, dependent.Namespace, dependent.Name,
                    new V1DeleteOptions { PropagationPolicy = nameof(PropagationPolicy.Foreground) }));
            }

            FinishForeground(obj);
        }
    }

    private void FinishForeground(StoredObject owner)
    {
        if (HasDeletionTimestamp(owner) && Finalizers(owner).Contains(ClusterApi.ForegroundFinalizer)
            && _api.Store.DependentsOf(owner.Uid).Count == 0)
        {
            RemoveFinalizer(owner, ClusterApi.ForegroundFinalizer);
        }
    }

    private void RemoveFinalizer(StoredObject obj, string finalizer) =>
        Ignore404And409(() => _api.For(obj.Type).Mutate(obj.Namespace, obj.Name, o =>
        {
            if (o.GetNode("metadata", "finalizers") is JsonArray list)
            {
                foreach (var f in list.Where(f => f?.GetValue<string>() == finalizer).ToList())
                {
                    list.Remove(f);
                }
            }
        }));

    private static bool HasDeletionTimestamp(StoredObject obj) => obj.IsDeleting;

    private static IReadOnlyList<string> Finalizers(StoredObject obj) => obj.Finalizers;

    private static void Ignore404And409(Action action)
    {
        try
        {
            action();
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // The object changed or went away meanwhile; its own event will bring us back if needed.
        }
    }
}
