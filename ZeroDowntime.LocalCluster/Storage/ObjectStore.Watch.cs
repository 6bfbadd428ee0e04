using k8s;

namespace ZeroDowntime.LocalCluster.Storage;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Registers a watcher. With <paramref name="fromResourceVersion"/> null or 0 it first receives a
    /// synthetic ADDED for every current object in its selection; with N it receives every change
    /// after N from the history, or a 410 Expired <see cref="ApiException"/> when N is older than
    /// the retained history. Both happen atomically with registration, so no change is missed.
    /// </summary>
    /// <param name="type">The resource, or null for every resource (initial events then cover all).</param>
    /// <param name="ns">Namespace filter or null.</param>
    /// <param name="labels">Label selector.</param>
    /// <param name="fields">Field selector.</param>
    /// <param name="fromResourceVersion">Resume point; null/0 for "current state, then changes".</param>
    public StoreWatcher Watch(ResourceType? type, string? ns, LabelSelectorMatcher labels, FieldSelector fields, long? fromResourceVersion)
    {
        var watcher = new StoreWatcher(this, type, ns, labels, fields);
        lock (SyncRoot)
        {
            if (fromResourceVersion is null or 0)
            {
                foreach (var resource in type is null ? Catalog.All : [type])
                {
                    foreach (var (_, obj) in _objects[resource])
                    {
                        if (watcher.Selects(obj))
                        {
                            watcher.Enqueue(new StoreEvent(WatchEventType.Added, obj, null));
                        }
                    }
                }
            }
            else
            {
                var from = fromResourceVersion.Value;
                if (from < _historyFloor)
                {
                    throw ApiException.Expired($"too old resource version: {from} ({_historyFloor + 1})");
                }

                for (var i = 0; i < _historyCount; i++)
                {
                    var e = _history[(_historyStart + i) % _history.Length];
                    if (e.ResourceVersion > from && (type is null || ReferenceEquals(e.Resource, type)))
                    {
                        watcher.Enqueue(e);
                    }
                }
            }

            (type is null ? _allResourceWatchers : _watchers[type]).Add(watcher);
        }

        WatcherAdded?.Invoke(watcher);
        return watcher;
    }

    /// <summary>Raised (outside the lock) after a watcher registers; lets tests and diagnostics wait for clients to subscribe.</summary>
    public event Action<StoreWatcher>? WatcherAdded;

    /// <summary>Number of registered watchers (all resources).</summary>
    public int WatcherCount
    {
        get
        {
            lock (SyncRoot)
            {
                return _allResourceWatchers.Count + _watchers.Values.Sum(w => w.Count);
            }
        }
    }

    internal void Unregister(StoreWatcher watcher)
    {
        lock (SyncRoot)
        {
            (watcher.Type is null ? _allResourceWatchers : _watchers[watcher.Type]).Remove(watcher);
        }
    }

    internal long? BookmarkResourceVersionFor(StoreWatcher watcher)
    {
        lock (SyncRoot)
        {
            // Events are enqueued under this lock, so an empty queue here means every change up to
            // the current resourceVersion has reached the reader.
            return watcher.Pending == 0 ? _resourceVersion : null;
        }
    }
}
