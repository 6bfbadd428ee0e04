using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;

namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>One delivered watch event: its type, the object state sent, and the shared wire line.</summary>
/// <param name="Type">ADDED, MODIFIED or DELETED as this watcher sees it.</param>
/// <param name="Object">The object state sent.</param>
/// <param name="Line">The encoded JSON line (shared; never mutate).</param>
public readonly record struct WatchFrame(WatchEventType Type, StoredObject Object, byte[] Line);

/// <summary>
/// A registered watch on one resource (or all resources). The store only enqueues events (a
/// pointer write under its lock); filtering and translation happen on the reader's side, so a
/// commit costs O(watchers of that resource) with no JSON work.
/// </summary>
public sealed class StoreWatcher : IDisposable
{
    private readonly ObjectStore _store;
    private readonly Channel<StoreEvent> _channel =
        Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true });

    internal StoreWatcher(ObjectStore store, ResourceType? type, string? ns, LabelSelectorMatcher labels, FieldSelector fields)
    {
        _store = store;
        Type = type;
        Namespace = ns;
        Labels = labels;
        FieldSelector = fields;
    }

    /// <summary>The watched resource, or null for every resource.</summary>
    public ResourceType? Type { get; }

    /// <summary>The namespace filter, or null for all namespaces.</summary>
    public string? Namespace { get; }

    /// <summary>The label selector.</summary>
    public LabelSelectorMatcher Labels { get; }

    /// <summary>The field selector.</summary>
    public FieldSelector FieldSelector { get; }

    /// <summary>The resourceVersion of the last event handed out by <see cref="ReadAllAsync"/>.</summary>
    public long LastDeliveredResourceVersion { get; private set; }

    private int _pending;

    internal int Pending => Volatile.Read(ref _pending);

    /// <summary>True when <paramref name="obj"/> is in this watcher's selection.</summary>
    public bool Selects(StoredObject obj) =>
        (Namespace is null || obj.Namespace == Namespace) && Labels.Matches(obj.Labels) && FieldSelector.Matches(obj.Fields);

    /// <summary>
    /// Translates a store event into what this watcher must see: objects entering the selection
    /// arrive as ADDED, leaving it as DELETED; false when the event is not for this watcher.
    /// </summary>
    public bool TryTranslate(StoreEvent e, out WatchFrame frame)
    {
        frame = default;
        if (Type is not null && !ReferenceEquals(e.Resource, Type))
        {
            return false;
        }

        var now = Selects(e.Object);
        switch (e.Type)
        {
            case WatchEventType.Added when now:
                frame = new WatchFrame(WatchEventType.Added, e.Object, e.LineFor(WatchEventType.Added, false));
                return true;
            case WatchEventType.Deleted when now:
                frame = new WatchFrame(WatchEventType.Deleted, e.Object, e.LineFor(WatchEventType.Deleted, false));
                return true;
            case WatchEventType.Modified:
                var before = e.Previous is not null && Selects(e.Previous);
                if (now)
                {
                    var type = before ? WatchEventType.Modified : WatchEventType.Added;
                    frame = new WatchFrame(type, e.Object, e.LineFor(type, false));
                    return true;
                }

                if (before)
                {
                    frame = new WatchFrame(WatchEventType.Deleted, e.PreviousAtEvent, e.LineFor(WatchEventType.Deleted, true));
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>The translated events, in commit order, until the watcher is disposed or <paramref name="ct"/> fires.</summary>
    public async IAsyncEnumerable<WatchFrame> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        while (await _channel.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            while (_channel.Reader.TryRead(out var e))
            {
                Interlocked.Decrement(ref _pending);
                LastDeliveredResourceVersion = e.ResourceVersion;
                if (TryTranslate(e, out var frame))
                {
                    yield return frame;
                }
            }
        }
    }

    /// <summary>Waits for the next raw event (or null once the watcher ends).</summary>
    public async ValueTask<StoreEvent?> ReadRawAsync(CancellationToken ct)
    {
        try
        {
            var e = await _channel.Reader.ReadAsync(ct).ConfigureAwait(false);
            Interlocked.Decrement(ref _pending);
            LastDeliveredResourceVersion = e.ResourceVersion;
            return e;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>
    /// The resourceVersion a BOOKMARK may carry now: the store's current one when every earlier
    /// event has been read, else null (the reader is behind; skip this bookmark).
    /// </summary>
    public long? BookmarkResourceVersion() => _store.BookmarkResourceVersionFor(this);

    /// <summary>Unregisters the watcher and ends its stream.</summary>
    public void Dispose()
    {
        _store.Unregister(this);
        _channel.Writer.TryComplete();
    }

    /// <summary>Takes the next raw event if one is queued (readers translate it with <see cref="TryTranslate"/>).</summary>
    public bool TryReadRaw(out StoreEvent e)
    {
        if (_channel.Reader.TryRead(out e!))
        {
            Interlocked.Decrement(ref _pending);
            LastDeliveredResourceVersion = e.ResourceVersion;
            return true;
        }

        return false;
    }

    /// <summary>Waits until an event is queued; false once the watcher has ended.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken ct) => _channel.Reader.WaitToReadAsync(ct);

    internal void Enqueue(StoreEvent e)
    {
        Interlocked.Increment(ref _pending);
        _channel.Writer.TryWrite(e);
    }
}
