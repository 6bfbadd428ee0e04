namespace ZeroDowntime.Kubernetes;

/// <summary>Options of a <see cref="KubeWatch"/> watch.</summary>
public sealed record WatchOptions
{
    /// <summary>Only objects matching this label selector; objects that stop matching arrive as Deleted.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Only objects matching this field selector.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Start after this version. Null: the server first sends Added for every current object.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>
    /// Server-side length of each watch request; the watch resumes from the last resourceVersion when it
    /// ends. Null lets the server choose.
    /// </summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Also deliver BOOKMARK events to the consumer (they always update the tracked resourceVersion).</summary>
    public bool IncludeBookmarks { get; init; }

    /// <summary>Streams that may break in a row (connection reset mid-stream) before the watch gives up (default 3).</summary>
    public int MaxConsecutiveFailures { get; init; } = 3;

    /// <summary>Backoff before the first re-watch after a broken stream; doubles, capped at 5 s (default 200 ms).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Receives one line per re-watch and relist. Never receives secrets.</summary>
    public Action<string>? Log { get; init; }
}
