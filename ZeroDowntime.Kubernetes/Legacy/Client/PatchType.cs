namespace ZeroDowntime.Kubernetes.Legacy;

/// <summary>The patch formats the API server accepts.</summary>
public enum PatchType
{
    /// <summary>JSON merge patch (RFC 7386), <c>application/merge-patch+json</c>: null removes a field, lists are replaced.</summary>
    Merge,

    /// <summary>Strategic merge patch, <c>application/strategic-merge-patch+json</c>: lists such as containers merge by key. Built-in kinds only.</summary>
    StrategicMerge,

    /// <summary>JSON patch (RFC 6902), <c>application/json-patch+json</c>: a list of operations.</summary>
    Json,
}
