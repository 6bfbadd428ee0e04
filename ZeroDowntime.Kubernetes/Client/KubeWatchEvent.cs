using k8s;

namespace ZeroDowntime.Kubernetes;

/// <summary>One change to a watched object; deconstructs as <c>var (type, obj)</c>.</summary>
/// <param name="Type">Added, Modified, Deleted or Bookmark.</param>
/// <param name="Object">The object after the change (for Deleted: its last state).</param>
public sealed record KubeWatchEvent<T>(WatchEventType Type, T Object)
{
    /// <summary>Whether the server sent this event or the client synthesised it from a list.</summary>
    public WatchEventOrigin Origin { get; init; } = WatchEventOrigin.Watch;
}
