namespace ZeroDowntime.LocalCluster.Storage;

/// <summary>What a list call asks for (the query parameters of a Kubernetes LIST, selectors parsed).</summary>
public sealed record ListQuery
{
    /// <summary>Label selector; default everything.</summary>
    public LabelSelectorMatcher Labels { get; init; } = LabelSelectorMatcher.Everything;

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
