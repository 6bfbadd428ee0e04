using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Security;

/// <summary>
/// The 403 Status kube-apiserver answers when no rule allows a request, worded as its
/// responsewriters.forbiddenMessage and apierrors.NewForbidden word it.
/// </summary>
public static class Forbidden
{
    /// <summary>
    /// <c>User "U" cannot delete resource "pods" in API group "" in the namespace "ns"</c> (or
    /// <c>at the cluster scope</c>, or <c>cannot get path "/x"</c> for a non-resource request).
    /// </summary>
    public static string Reason(UserInfo user, RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        if (!request.IsResourceRequest)
        {
            return $"User \"{user.Name}\" cannot {request.Verb} path \"{request.Path}\"";
        }

        var scope = request.Namespace is { Length: > 0 } ns ? $"in the namespace \"{ns}\"" : "at the cluster scope";
        return $"User \"{user.Name}\" cannot {request.Verb} resource \"{request.CombinedResource}\" in API group \"{request.Group}\" {scope}";
    }

    /// <summary>The full message: <c>pods "x" is forbidden: User ... </c>, with the authorizer's reason appended when it gave one.</summary>
    public static string Message(UserInfo user, RequestAttributes request, string? authorizerReason = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var why = Reason(user, request) + (string.IsNullOrEmpty(authorizerReason) ? "" : ": " + authorizerReason);
        if (!request.IsResourceRequest)
        {
            return $"forbidden: {why}";
        }

        // The group-resource is the parent resource, without the subresource: pods "x", deployments.apps "y".
        var resource = request.Group.Length == 0 ? request.Resource : $"{request.Resource}.{request.Group}";
        return request.Name is { Length: > 0 } name ? $"{resource} \"{name}\" is forbidden: {why}" : $"{resource} is forbidden: {why}";
    }

    /// <summary>The 403 as an <see cref="ApiException"/> (reason Forbidden, details group/kind/name).</summary>
    public static ApiException Exception(UserInfo user, RequestAttributes request, string? authorizerReason = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var details = new JsonObject();
        if (request.IsResourceRequest)
        {
            if (request.Name is { Length: > 0 } name)
            {
                details["name"] = name;
            }

            details["group"] = request.Group;
            details["kind"] = request.Resource;
        }

        return new ApiException(403, "Forbidden", Message(user, request, authorizerReason), details);
    }
}
