namespace ZeroDowntime.Kubernetes.Legacy;

/// <summary>What happened to the object of a <see cref="WatchEvent{T}"/>.</summary>
public enum WatchEventType
{
    /// <summary>The object appeared (or started matching the selector).</summary>
    Added,

    /// <summary>The object changed.</summary>
    Modified,

    /// <summary>The object is gone (or stopped matching the selector). The object is its last known state.</summary>
    Deleted,

    /// <summary>A progress marker carrying only a resourceVersion; delivered only with <see cref="LegacyWatchOptions.IncludeBookmarks"/>.</summary>
    Bookmark,
}
