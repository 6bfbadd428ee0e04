namespace ZeroDowntime.Kubernetes.Legacy;

/// <summary>Query options of a list call.</summary>
public sealed record ListOptions
{
    /// <summary>e.g. <c>ray.io/node-type=worker</c>; see <c>LabelSelector.ToString()</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>e.g. <c>spec.nodeName=node-a</c>. Pods support metadata.name, metadata.namespace, spec.nodeName, status.phase, status.podIP.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; the server returns a <c>continue</c> token when more remain.</summary>
    public int? Limit { get; init; }

    /// <summary>The token from the previous page's <c>metadata.continue</c>.</summary>
    public string? Continue { get; init; }

    /// <summary>Serve the list at (or newer than) this version; <c>"0"</c> allows the server's cache.</summary>
    public string? ResourceVersion { get; init; }
}
