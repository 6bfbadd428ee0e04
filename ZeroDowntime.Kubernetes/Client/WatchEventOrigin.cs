namespace ZeroDowntime.Kubernetes;

/// <summary>Where a <see cref="KubeWatchEvent{T}"/> came from.</summary>
public enum WatchEventOrigin
{
    /// <summary>Sent by the server on the watch stream.</summary>
    Watch,

    /// <summary>Synthesised from the initial list of <c>ListAndWatchAsync</c> (always <see cref="WatchEventType.Added"/>).</summary>
    InitialList,

    /// <summary>
    /// Synthesised by comparing a relist (after 410 Expired) with the objects already seen: Added for new
    /// objects, Modified for changed resourceVersions, Deleted (last known state) for vanished ones.
    /// </summary>
    Relist,
}
