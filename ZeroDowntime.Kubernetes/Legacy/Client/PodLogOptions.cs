namespace ZeroDowntime.Kubernetes.Legacy;

/// <summary>Options of a pod log request.</summary>
public sealed record PodLogOptions
{
    /// <summary>The container; required when the pod has more than one.</summary>
    public string? Container { get; init; }

    /// <summary>Only lines logged at or after this time.</summary>
    public DateTimeOffset? SinceTime { get; init; }

    /// <summary>Only lines from the last N seconds.</summary>
    public long? SinceSeconds { get; init; }

    /// <summary>Only the last N lines.</summary>
    public long? TailLines { get; init; }

    /// <summary>Prefix each line with an RFC 3339 timestamp.</summary>
    public bool Timestamps { get; init; }

    /// <summary>The previous (crashed) instance of the container.</summary>
    public bool Previous { get; init; }
}
