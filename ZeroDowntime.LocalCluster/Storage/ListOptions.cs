namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>Options of a list call (the query parameters of a Kubernetes LIST).</summary>
public sealed record ListOptions
{
    /// <summary>Label selector; default everything.</summary>
    public LabelSelector Labels { get; init; } = LabelSelector.Everything;

    /// <summary>Field selector; default everything.</summary>
    public FieldSelector Fields { get; init; } = FieldSelector.Everything;

    /// <summary>Page size; null or 0 for everything.</summary>
    public int? Limit { get; init; }

    /// <summary>The continue token of the previous page.</summary>
    public string? Continue { get; init; }

    /// <summary>
    /// resourceVersion the list must not be older than; a value older than the retained history
    /// answers 410 Expired. Null or 0 for "current".
    /// </summary>
    public long? ResourceVersion { get; init; }
}

/// <summary>One page of a list.</summary>
/// <param name="Items">Objects in key order.</param>
/// <param name="ResourceVersion">The snapshot's resourceVersion (list metadata.resourceVersion).</param>
/// <param name="Continue">Token for the next page, or null.</param>
/// <param name="RemainingItemCount">How many matching items follow this page, when known.</param>
public sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
