namespace ZeroDowntime.Kubernetes.Safety;

/// <summary>
/// A Kubernetes API request that can disrupt the target (delete, evict, cordon, scale, patch a
/// workload, change a network policy), as recognised by <see cref="DisruptiveRequestClassifier"/>.
/// </summary>
/// <param name="Method">The HTTP method, upper case (<c>DELETE</c>, <c>POST</c>, <c>PATCH</c>, <c>PUT</c>).</param>
/// <param name="Resource">The resource as the URL names it, plural (<c>pods</c>, <c>nodes</c>, <c>deployments</c>).</param>
/// <param name="Namespace">The namespace, or null for cluster-scoped resources.</param>
/// <param name="Name">The object's name, or null for a collection or a create.</param>
/// <param name="Subresource">The subresource (<c>eviction</c>, <c>scale</c>, <c>status</c>), or null.</param>
/// <param name="Description">What the request does, e.g. <c>DELETE pod default/ray-worker-abc</c>.</param>
public sealed record DisruptiveRequest(
    string Method,
    string Resource,
    string? Namespace,
    string? Name,
    string? Subresource,
    string Description)
{
    /// <inheritdoc />
    public override string ToString() => Description;
}
