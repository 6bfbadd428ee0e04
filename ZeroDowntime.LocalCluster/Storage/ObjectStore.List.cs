using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace ZeroDowntime.LocalCluster.Storage;

public sealed partial class ObjectStore
{
    private static readonly TimeSpan PageSnapshotLifetime = TimeSpan.FromMinutes(5);
    private const int MaxPageSnapshots = 256;
    private readonly Dictionary<(ResourceType, long), (ImmutableSortedDictionary<string, StoredObject> Items, DateTime Taken)> _pageSnapshots = [];

    /// <summary>
    /// Lists <paramref name="type"/> in key order. Paging is consistent: every page of one list
    /// comes from the snapshot taken by its first page, whatever is written in between.
    /// </summary>
    public ListPage List(ResourceType type, string? ns, ListQuery query)
    {
        ImmutableSortedDictionary<string, StoredObject> snapshot;
        long rv;
        string? startAfter = null;
        lock (SyncRoot)
        {
            if (!string.IsNullOrEmpty(query.Continue))
            {
                (rv, startAfter) = DecodeContinue(query.Continue);
                if (!_pageSnapshots.TryGetValue((type, rv), out var taken))
                {
                    throw ApiException.Expired(
                        "The provided continue parameter is too old to display a consistent list result. " +
                        "You can start a new list without the continue parameter.");
                }

                snapshot = taken.Items;
            }
            else
            {
                if (query.ResourceVersion is > 0 and var requested && requested < _historyFloor)
                {
                    throw ApiException.Expired($"too old resource version: {requested} ({_historyFloor + 1})");
                }

                rv = _resourceVersion;
                snapshot = _objects[type];
            }
        }

        var limit = query.Limit is > 0 ? query.Limit.Value : int.MaxValue;
        var items = new List<StoredObject>();
        var remaining = 0L;
        string? lastKey = null;
        var prefix = ns is not null && type.Namespaced ? ns + "/" : null;
        foreach (var (key, obj) in snapshot)
        {
            if (startAfter is not null && string.CompareOrdinal(key, startAfter) <= 0)
            {
                continue;
            }

            if ((prefix is not null && !key.StartsWith(prefix, StringComparison.Ordinal))
                || !query.Labels.Matches(obj.Labels) || !query.Fields.Matches(obj.Fields))
            {
                continue;
            }

            if (items.Count < limit)
            {
                items.Add(obj);
                lastKey = key;
            }
            else
            {
                remaining++;
            }
        }

        if (remaining == 0)
        {
            return new ListPage(items, rv, null, null);
        }

        lock (SyncRoot)
        {
            KeepPageSnapshot(type, rv, snapshot);
        }

        return new ListPage(items, rv, EncodeContinue(rv, lastKey!), remaining);
    }

    private void KeepPageSnapshot(ResourceType type, long rv, ImmutableSortedDictionary<string, StoredObject> snapshot)
    {
        var now = DateTime.UtcNow;
        if (_pageSnapshots.Count >= MaxPageSnapshots)
        {
            foreach (var stale in _pageSnapshots.Where(p => now - p.Value.Taken > PageSnapshotLifetime).Select(p => p.Key).ToList())
            {
                _pageSnapshots.Remove(stale);
            }

            if (_pageSnapshots.Count >= MaxPageSnapshots)
            {
                _pageSnapshots.Remove(_pageSnapshots.MinBy(p => p.Value.Taken).Key);
            }
        }

        _pageSnapshots[(type, rv)] = (snapshot, now);
    }

    private static string EncodeContinue(long rv, string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{rv.ToString(CultureInfo.InvariantCulture)}\n{lastKey}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (long Rv, string LastKey) DecodeContinue(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            var newline = text.IndexOf('\n');
            return (long.Parse(text[..newline], CultureInfo.InvariantCulture), text[(newline + 1)..]);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw ApiException.BadRequest($"continue key is not valid: {token}");
        }
    }
}
