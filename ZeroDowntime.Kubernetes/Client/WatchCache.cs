using k8s;
using k8s.Models;

namespace ZeroDowntime.Kubernetes;

/// <summary>
/// The objects a watch has reported, by namespace/name, so that a relist can be turned into the
/// events the consumer missed (the replace semantics of client-go's informers).
/// </summary>
internal sealed class WatchCache<T> where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly Dictionary<string, T> _known = new(StringComparer.Ordinal);

    public WatchCache(IEnumerable<T>? initial)
    {
        foreach (var item in initial ?? []) _known[Key(item)] = item;
    }

    /// <summary>Records a streamed event; false when it repeats what is already known (an Added replayed after a re-watch).</summary>
    public bool Apply(WatchEventType type, T obj)
    {
        var key = Key(obj);
        if (type == WatchEventType.Deleted)
        {
            _known.Remove(key);
            return true;
        }

        if (type == WatchEventType.Added && _known.TryGetValue(key, out var seen)
            && seen.Metadata?.ResourceVersion is { } rv && rv == obj.Metadata?.ResourceVersion)
        {
            return false;
        }

        _known[key] = obj;
        return true;
    }

    /// <summary>
    /// Replaces the known set with a fresh list and returns what changed: Added and Modified in list order (a name now
    /// held by another uid: Deleted for the one seen, then Added), then Deleted for names no longer listed.
    /// </summary>
    public List<KubeWatchEvent<T>> Replace(IReadOnlyList<T> items)
    {
        var changes = new List<KubeWatchEvent<T>>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = Key(item);
            listed.Add(key);
            if (!_known.TryGetValue(key, out var seen))
            {
                changes.Add(new KubeWatchEvent<T>(WatchEventType.Added, item) { Origin = WatchEventOrigin.Relist });
            }
            else if (seen.Metadata?.Uid is { } oldUid && item.Metadata?.Uid is { } newUid && oldUid != newUid)
            {
                // The same name is another object now (a StatefulSet's pod deleted and recreated while the watch was
                // down): the one seen was deleted and this one added, not modified. Seen under watch-drops + 410s:
                // a recorder keyed by uid kept the deleted redis-0 Ready and counted 4 of 3.
                changes.Add(new KubeWatchEvent<T>(WatchEventType.Deleted, seen) { Origin = WatchEventOrigin.Relist });
                changes.Add(new KubeWatchEvent<T>(WatchEventType.Added, item) { Origin = WatchEventOrigin.Relist });
            }
            else if (seen.Metadata?.ResourceVersion != item.Metadata?.ResourceVersion)
            {
                changes.Add(new KubeWatchEvent<T>(WatchEventType.Modified, item) { Origin = WatchEventOrigin.Relist });
            }
        }

        foreach (var (key, seen) in _known)
        {
            if (!listed.Contains(key))
            {
                changes.Add(new KubeWatchEvent<T>(WatchEventType.Deleted, seen) { Origin = WatchEventOrigin.Relist });
            }
        }

        _known.Clear();
        foreach (var item in items) _known[Key(item)] = item;
        return changes;
    }

    private static string Key(T obj) => $"{obj.Metadata?.NamespaceProperty}/{obj.Metadata?.Name}";
}
