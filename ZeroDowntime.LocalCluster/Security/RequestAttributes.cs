namespace ZeroDowntime.LocalCluster.Security;

/// <summary>
/// What one API request asks to do, as the Kubernetes authorizer sees it: a resource request (verb on
/// group/resource[/subresource], namespace, name) or a non-resource request (verb on a path).
/// </summary>
/// <param name="Verb">get, list, watch, create, update, patch, delete, deletecollection.</param>
/// <param name="Group">The API group ("" for the core group).</param>
/// <param name="Resource">The plural resource, e.g. <c>pods</c>; null for a non-resource request.</param>
/// <param name="Subresource">e.g. <c>eviction</c>, or null.</param>
/// <param name="Namespace">The namespace, or null at the cluster scope.</param>
/// <param name="Name">The object's name, or null for collections.</param>
/// <param name="Path">The URL path (what non-resource rules match).</param>
public sealed record RequestAttributes(string Verb, string Group, string? Resource, string? Subresource, string? Namespace, string? Name, string Path)
{
    /// <summary>A resource request (as opposed to e.g. <c>GET /version</c>).</summary>
    public bool IsResourceRequest => Resource is not null;

    /// <summary><c>pods/eviction</c> for a subresource, else the resource.</summary>
    public string CombinedResource => Subresource is null ? Resource ?? "" : $"{Resource}/{Subresource}";

    /// <summary>The permission this request needs, e.g. <c>delete pods</c> or <c>create pods/eviction.policy</c>.</summary>
    public string Permission => IsResourceRequest
        ? $"{Verb} {CombinedResource}{(Group.Length == 0 ? "" : "." + Group)}"
        : $"{Verb} {Path}";
}
