using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;

namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>
/// The single object store: every resource's objects as immutable sorted maps (so a list is a
/// free snapshot), one global monotonic resourceVersion, a bounded event history for watch
/// resume, and the watcher registry. It knows no Kubernetes semantics beyond bookkeeping;
/// <see cref="Cluster.ClusterApi"/> applies those. Writers take <see cref="SyncRoot"/>.
/// </summary>
public sealed partial class ObjectStore
{
    private readonly Dictionary<ResourceType, ImmutableSortedDictionary<string, StoredObject>> _objects = [];
    private readonly Dictionary<string, StoredObject> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<StoredObject>> _dependents = new(StringComparer.Ordinal);
    private readonly Dictionary<ResourceType, List<StoreWatcher>> _watchers = [];
    private readonly List<StoreWatcher> _allResourceWatchers = [];
    private readonly StoreEvent[] _history;
    private int _historyStart;
    private int _historyCount;
    private long _historyFloor;
    private long _resourceVersion;
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>Creates an empty store retaining the last <paramref name="historySize"/> events for watch resume.</summary>
    public ObjectStore(ResourceCatalog catalog, int historySize = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historySize, 1);
        Catalog = catalog;
        _history = new StoreEvent[historySize];
        foreach (var type in catalog.All)
        {
            _objects[type] = ImmutableSortedDictionary.Create<string, StoredObject>(StringComparer.Ordinal);
            _watchers[type] = [];
        }
    }

    /// <summary>The resources this store holds.</summary>
    public ResourceCatalog Catalog { get; }

    /// <summary>Lock held by every read-modify-write; reentrant (a Monitor).</summary>
    public object SyncRoot { get; } = new();

    /// <summary>The newest committed resourceVersion.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (SyncRoot)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>Events with a resourceVersion above this are all still in the history.</summary>
    public long HistoryFloor
    {
        get
        {
            lock (SyncRoot)
            {
                return _historyFloor;
            }
        }
    }

    /// <summary>The current object, or null.</summary>
    public StoredObject? Get(ResourceType type, string? ns, string name)
    {
        lock (SyncRoot)
        {
            return _objects[type].GetValueOrDefault(StoredObject.KeyOf(type.Namespaced ? ns : null, name));
        }
    }

    /// <summary>The current object with this uid, or null.</summary>
    public StoredObject? GetByUid(string uid)
    {
        lock (SyncRoot)
        {
            return _byUid.GetValueOrDefault(uid);
        }
    }

    /// <summary>Objects whose ownerReferences name <paramref name="ownerUid"/>.</summary>
    public IReadOnlyList<StoredObject> DependentsOf(string ownerUid)
    {
        lock (SyncRoot)
        {
            return _dependents.TryGetValue(ownerUid, out var set) ? [.. set] : [];
        }
    }

    /// <summary>An immutable snapshot of every object of <paramref name="type"/>, in key order.</summary>
    public ImmutableSortedDictionary<string, StoredObject> Snapshot(ResourceType type)
    {
        lock (SyncRoot)
        {
            return _objects[type];
        }
    }

    /// <summary>
    /// Stores <paramref name="obj"/> as the new state (stamping the next resourceVersion into it),
    /// records the event and hands it to watchers. Call with the new state fully prepared.
    /// </summary>
    public StoreEvent Put(ResourceType type, JsonObject obj)
    {
        lock (SyncRoot)
        {
            var metadata = obj["metadata"]!.AsObject();
            metadata["resourceVersion"] = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
            var stored = StoredObject.Capture(type, obj);
            var previous = _objects[type].GetValueOrDefault(stored.Key);
            _objects[type] = _objects[type].SetItem(stored.Key, stored);
            Index(previous, stored);
            return Publish(new StoreEvent(previous is null ? WatchEventType.Added : WatchEventType.Modified, stored, previous));
        }
    }

    /// <summary>Removes the object; <paramref name="finalState"/> is its last state, stamped with the deletion's resourceVersion.</summary>
    public StoreEvent Remove(ResourceType type, JsonObject finalState)
    {
        lock (SyncRoot)
        {
            var metadata = finalState["metadata"]!.AsObject();
            metadata["resourceVersion"] = (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
            var stored = StoredObject.Capture(type, finalState);
            var previous = _objects[type].GetValueOrDefault(stored.Key)
                ?? throw new InvalidOperationException($"{type.QualifiedName} {stored.Key} is not stored");
            _objects[type] = _objects[type].Remove(stored.Key);
            Index(previous, null);
            return Publish(new StoreEvent(WatchEventType.Deleted, stored, previous));
        }
    }

    /// <summary>Completes once the store's resourceVersion exceeds <paramref name="resourceVersion"/>.</summary>
    public Task WaitForChangeAsync(long resourceVersion, CancellationToken ct)
    {
        Task signal;
        lock (SyncRoot)
        {
            if (_resourceVersion > resourceVersion)
            {
                return Task.CompletedTask;
            }

            signal = _changed.Task;
        }

        return signal.WaitAsync(ct);
    }

    private void Index(StoredObject? previous, StoredObject? current)
    {
        if (previous is not null)
        {
            _byUid.Remove(previous.Uid);
            foreach (var owner in previous.OwnerUids)
            {
                if (_dependents.TryGetValue(owner, out var set))
                {
                    set.Remove(previous);
                    if (set.Count == 0)
                    {
                        _dependents.Remove(owner);
                    }
                }
            }
        }

        if (current is not null)
        {
            _byUid[current.Uid] = current;
            foreach (var owner in current.OwnerUids)
            {
                if (!_dependents.TryGetValue(owner, out var set))
                {
                    _dependents[owner] = set = new HashSet<StoredObject>(ReferenceEqualityComparer.Instance);
                }

                set.Add(current);
            }
        }
    }

    private StoreEvent Publish(StoreEvent e)
    {
        if (_historyCount == _history.Length)
        {
            _historyFloor = _history[_historyStart].ResourceVersion;
            _historyStart = (_historyStart + 1) % _history.Length;
            _historyCount--;
        }

        _history[(_historyStart + _historyCount) % _history.Length] = e;
        _historyCount++;

        foreach (var watcher in _watchers[e.Resource])
        {
            watcher.Enqueue(e);
        }

        foreach (var watcher in _allResourceWatchers)
        {
            watcher.Enqueue(e);
        }

        var signal = _changed;
        _changed = NewSignal();
        signal.SetResult();
        return e;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
