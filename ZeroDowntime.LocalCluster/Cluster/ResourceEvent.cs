using System.Text.Json.Nodes;
using k8s;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Cluster;

/// <summary>
/// A change seen by an in-process watcher. <see cref="Object"/> is parsed on first access and
/// owned by the receiver (mutating it does not touch the store).
/// </summary>
public sealed class ResourceEvent
{
    private JsonObject? _object;

    /// <summary>Creates an event from a translated watch frame.</summary>
    public ResourceEvent(WatchEventType type, StoredObject stored)
    {
        Type = type;
        Stored = stored;
    }

    /// <summary>ADDED, MODIFIED or DELETED (as the watcher's selection sees it).</summary>
    public WatchEventType Type { get; }

    /// <summary>The stored state (immutable, with labels/fields pre-extracted).</summary>
    public StoredObject Stored { get; }

    /// <summary>The resource.</summary>
    public ResourceType Resource => Stored.Type;

    /// <summary>metadata.namespace (null for cluster-scoped).</summary>
    public string? Namespace => Stored.Namespace;

    /// <summary>metadata.name.</summary>
    public string Name => Stored.Name;

    /// <summary>The resourceVersion of the state.</summary>
    public long ResourceVersion => Stored.ResourceVersion;

    /// <summary>The object state (a private copy).</summary>
    public JsonObject Object => _object ??= Stored.ToJsonObject();

    /// <inheritdoc />
    public override string ToString() => $"{Type} {Resource.Plural} {Stored.Key}@{ResourceVersion}";
}
