using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Security;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Http;

/// <summary>
/// Authentication and RBAC authorization in front of every route when the cluster enforces RBAC:
/// the administrator token is unrestricted, a ServiceAccount token is held to its bindings, anything
/// else is 401. Request attributes are derived from the URL as kube-apiserver's RequestInfoFactory does.
/// </summary>
internal sealed class RequestGuard(string adminToken, ServiceAccountTokens tokens, RbacAuthorizer authorizer, ResourceCatalog catalog, AccessLog log, TimeProvider time)
{
    /// <summary>The authorizer (for <see cref="SelfSubjectAccessReviews"/>).</summary>
    public RbacAuthorizer Authorizer => authorizer;

    /// <summary>Null when the request may proceed; otherwise the 401/403 to answer.</summary>
    public ApiException? Check(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        if (token == adminToken)
        {
            return null;
        }

        if (token.Length == 0 || tokens.Authenticate(token) is not { } user)
        {
            return new ApiException(401, "Unauthorized", "Unauthorized");
        }

        request.HttpContext.Items[SelfSubjectAccessReviews.UserItem] = user;
        var attributes = AttributesOf(request, catalog);
        var decision = authorizer.Authorize(user, attributes);
        log.Record(new AccessLogEntry(time.GetUtcNow(), user.Name, attributes, decision.Allowed));
        return decision.Allowed ? null : Forbidden.Exception(user, attributes, decision.Reason);
    }

    /// <summary>The verb, resource, namespace and name a request asks for.</summary>
    public static RequestAttributes AttributesOf(HttpRequest request, ResourceCatalog catalog)
    {
        var path = request.Path.Value ?? "/";
        var method = request.Method;
        if (path.TrimEnd('/') == SelfSubjectAccessReviews.Path)
        {
            // Served outside the catalog (nothing is stored); authorized as the resource it is.
            return new RequestAttributes(HttpMethods.IsPost(method) ? "create" : method.ToLowerInvariant(), "authorization.k8s.io", "selfsubjectaccessreviews", null, null, null, path);
        }

        var target = RequestTarget.Parse(path, catalog);
        if (target is null && AggregatedResource(path) is { } aggregated)
        {
            // A served-elsewhere API (metrics.k8s.io): kube-apiserver's RequestInfoFactory reads any /apis/{group}/{version}/...
            // path as a resource request, so RBAC rules on its resources apply, not the discovery rules for non-resource URLs.
            var get = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
            var aggregatedVerb = !get ? (HttpMethods.IsPost(method) ? "create" : method.ToLowerInvariant())
                : aggregated.WatchPath || request.Query["watch"].ToString() is "true" or "1" ? "watch" : aggregated.Name is null ? "list" : "get";
            return new RequestAttributes(aggregatedVerb, aggregated.Group, aggregated.Resource, aggregated.Subresource, aggregated.Namespace, aggregated.Name, path);
        }

        if (target is null)
        {
            var verb = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? "get"
                : HttpMethods.IsPost(method) ? "post" : HttpMethods.IsPut(method) ? "put"
                : HttpMethods.IsPatch(method) ? "patch" : HttpMethods.IsDelete(method) ? "delete" : method.ToLowerInvariant();
            return new RequestAttributes(verb, "", null, null, null, null, path);
        }

        var watch = target.WatchPath || request.Query["watch"].ToString() is "true" or "1" or "True";
        var name = target.Name;
        var resourceVerb = method switch
        {
            _ when HttpMethods.IsGet(method) || HttpMethods.IsHead(method) =>
                target.Subresource is not null ? "get" : watch ? "watch" : name is null ? "list" : "get",
            _ when HttpMethods.IsPost(method) => "create",
            _ when HttpMethods.IsPut(method) => "update",
            _ when HttpMethods.IsPatch(method) => "patch",
            _ when HttpMethods.IsDelete(method) => name is null ? "deletecollection" : "delete",
            _ => method.ToLowerInvariant(),
        };

        // A list or watch restricted to one name by field selector is authorized for that name (resourceNames).
        if (name is null && resourceVerb is "list" or "watch" && SingleName(request.Query["fieldSelector"].ToString()) is { } selected)
        {
            name = selected;
        }

        return new RequestAttributes(resourceVerb, target.Type.Group, target.Type.Plural, target.Subresource, target.Namespace, name, path);
    }

    private static string? SingleName(string selector) =>
        selector.Split(',').Select(s => s.Trim()).FirstOrDefault(s => s.StartsWith("metadata.name=", StringComparison.Ordinal)) is { } term
            ? term["metadata.name=".Length..].TrimStart('=')
            : null;

    /// <summary>
    /// Group, resource, namespace, name and subresource of an <c>/apis/{group}/{version}/...</c> path the catalog does not
    /// hold, split as <see cref="RequestTarget.Split"/> splits every resource path; null for any other path.
    /// </summary>
    private static (string Group, string Resource, string? Namespace, string? Name, string? Subresource, bool WatchPath)? AggregatedResource(string path)
    {
        if (!path.TrimStart('/').StartsWith("apis/", StringComparison.Ordinal) || RequestTarget.Split(path) is not var (group, _, watch, rest) || rest.Length == 0)
        {
            return null;
        }

        string? ns = null;
        if (rest[0] == "namespaces" && rest.Length >= 3)
        {
            ns = rest[1];
            rest = rest[2..];
        }

        return (group, rest[0], ns, rest.Length > 1 ? rest[1] : null, rest.Length > 2 ? rest[2] : null, watch);
    }
}
