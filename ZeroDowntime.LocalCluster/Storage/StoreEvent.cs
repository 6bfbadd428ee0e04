using System.Text;
using k8s;

namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>
/// One committed change. The wire form of each (event type, object state) pair is encoded at most
/// once and shared by every watcher that sends it.
/// </summary>
public sealed class StoreEvent
{
    private byte[]? _modifiedLine;
    private byte[]? _deletedLine;
    private byte[]? _leftLine;
    private StoredObject? _previousAtEvent;

    /// <summary>Creates an event.</summary>
    public StoreEvent(WatchEventType type, StoredObject obj, StoredObject? previous)
    {
        Type = type;
        Object = obj;
        Previous = previous;
    }

    /// <summary>Added, Modified or Deleted.</summary>
    public WatchEventType Type { get; }

    /// <summary>The object after the change (for Deleted: its last state, carrying the deletion's resourceVersion).</summary>
    public StoredObject Object { get; }

    /// <summary>The object before the change (Modified and Deleted only).</summary>
    public StoredObject? Previous { get; }

    /// <summary>The resourceVersion of this change.</summary>
    public long ResourceVersion => Object.ResourceVersion;

    /// <summary>The resource this change belongs to.</summary>
    public ResourceType Resource => Object.Type;

    /// <summary>
    /// The previous state stamped with this event's resourceVersion: what a watcher whose
    /// selector the object just left receives in its DELETED event.
    /// </summary>
    public StoredObject PreviousAtEvent
    {
        get
        {
            if (_previousAtEvent is null)
            {
                var obj = (Previous ?? Object).ToJsonObject();
                obj["metadata"]!["resourceVersion"] = ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _previousAtEvent = StoredObject.Capture(Object.Type, obj);
            }

            return _previousAtEvent;
        }
    }

    /// <summary>The encoded line for delivering this change as <paramref name="as"/> (benign races only re-encode).</summary>
    public byte[] LineFor(WatchEventType @as, bool leftSelection) => @as switch
    {
        WatchEventType.Added => Object.AddedLine,
        WatchEventType.Modified => _modifiedLine ??= Encode("MODIFIED", Object.Json),
        WatchEventType.Deleted when leftSelection => _leftLine ??= Encode("DELETED", PreviousAtEvent.Json),
        WatchEventType.Deleted => _deletedLine ??= Encode("DELETED", Object.Json),
        _ => throw new ArgumentOutOfRangeException(nameof(@as)),
    };

    /// <summary>Encodes one watch line: <c>{"type":T,"object":O}\n</c>.</summary>
    public static byte[] Encode(string type, ReadOnlySpan<byte> objectJson)
    {
        var prefix = Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\",\"object\":");
        var line = new byte[prefix.Length + objectJson.Length + 2];
        prefix.CopyTo(line, 0);
        objectJson.CopyTo(line.AsSpan(prefix.Length));
        line[^2] = (byte)'}';
        line[^1] = (byte)'\n';
        return line;
    }
}
