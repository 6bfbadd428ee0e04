namespace ZeroDowntime.Kubernetes.Legacy;

/// <summary>Options of a watch.</summary>
public sealed record LegacyWatchOptions
{
    /// <summary>Only objects matching this label selector; objects that stop matching arrive as Deleted.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Only objects matching this field selector.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>
    /// Start after this version. Null: the server first sends Added for every current object.
    /// </summary>
    public string? ResourceVersion { get; init; }

    /// <summary>
    /// Server-side length of each watch request; the client re-watches from the last resourceVersion when it
    /// ends. Null lets the server choose.
    /// </summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Also deliver BOOKMARK events to the consumer (they always update the tracked resourceVersion).</summary>
    public bool IncludeBookmarks { get; init; }
}
