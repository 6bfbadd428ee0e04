namespace ZeroDowntime.Kubernetes.Safety;

/// <summary>
/// Decides from the HTTP method and the API path alone whether a request can disrupt the target.
/// The rules, strictest first:
/// <list type="number">
/// <item>Anything through a <c>proxy</c> subresource is traffic to an application (the k6 REST
/// API, a health check), not a change to the cluster: never disruptive.</item>
/// <item><c>pods/exec</c> and <c>pods/attach</c> run commands inside a pod: always disruptive.</item>
/// <item>GET, HEAD and OPTIONS (list, get, watch, logs) are never disruptive.</item>
/// <item>PATCH and PUT are always disruptive: cordon, scale, a changed selector, label or budget
/// can each take pods out of service.</item>
/// <item>DELETE is disruptive for every resource except the kinds the suite creates for itself
/// (<c>configmaps</c>, <c>jobs</c>, <c>events</c>): removing its own k6 Job and script ConfigMap is
/// cleanup, and a serving target does not run as Jobs. Collections count as well as single objects.</item>
/// <item>POST (create) is disruptive for <c>networkpolicies</c> and for every pod subresource
/// (<c>pods/eviction</c>, the embedded cluster's <c>pods/zerodowntime-kill</c> test hook, <c>binding</c>...) only;
/// creating the suite's Jobs and ConfigMaps, or access reviews, changes nothing that serves traffic.</item>
/// </list>
/// Paths outside <c>/api</c> and <c>/apis</c> (<c>/version</c>, <c>/healthz</c>) are never disruptive.
/// </summary>
public static class DisruptiveRequestClassifier
{
    private static readonly HashSet<string> OwnArtifactResources = new(StringComparer.Ordinal)
    {
        "configmaps",
        "jobs",
        "events",
    };

    /// <summary>Returns the disruptive request, or null when the request cannot disrupt the target.</summary>
    public static DisruptiveRequest? Classify(HttpMethod method, Uri? requestUri)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (requestUri is null || !TryParse(requestUri, out var target))
        {
            return null;
        }

        if (target.Subresource == "proxy")
        {
            return null;
        }

        var verb = method.Method.ToUpperInvariant();
        var disruptive = target.Resource == "pods" && target.Subresource is "exec" or "attach"
            || verb switch
            {
                "PATCH" or "PUT" => true,
                "DELETE" => !(target.Subresource is null && OwnArtifactResources.Contains(target.Resource)),
                "POST" => target.Resource == "pods" && target.Subresource is not null
                          || target.Resource == "networkpolicies",
                _ => false,
            };

        return disruptive ? Describe(verb, target) : null;
    }

    private static DisruptiveRequest Describe(string verb, ApiTarget target)
    {
        var singular = Singular(target.Resource);
        string description;
        if (target.Name is null)
        {
            var scope = target.Namespace is null ? "" : $" in namespace {target.Namespace}";
            var selector = target.LabelSelector is null ? "" : $" matching '{target.LabelSelector}'";
            description = verb == "POST"
                ? $"POST {singular}{scope}"
                : $"{verb} {target.Resource}{scope}{selector}";
        }
        else
        {
            var objectName = target.Namespace is null ? target.Name : $"{target.Namespace}/{target.Name}";
            description = target.Subresource switch
            {
                "eviction" => $"evict {singular} {objectName}",
                null => $"{verb} {singular} {objectName}",
                var sub => $"{verb} {singular} {objectName} ({sub})",
            };
        }

        return new DisruptiveRequest(verb, target.Resource, target.Namespace, target.Name, target.Subresource, description);
    }

    private static string Singular(string resource) => resource switch
    {
        "endpoints" => "endpoints",
        _ when resource.EndsWith("ies", StringComparison.Ordinal) => resource[..^3] + "y",
        _ when resource.EndsWith("sses", StringComparison.Ordinal) => resource[..^2],
        _ when resource.EndsWith('s') => resource[..^1],
        _ => resource,
    };

    // Understands /api/v1/..., /apis/GROUP/VERSION/..., the legacy /watch/ prefix, namespaced and
    // cluster-scoped resources, names and one subresource.
    private static bool TryParse(Uri uri, out ApiTarget target)
    {
        target = default;
        var pathAndQuery = uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
        var queryStart = pathAndQuery.IndexOf('?');
        var path = queryStart < 0 ? pathAndQuery : pathAndQuery[..queryStart];
        var query = queryStart < 0 ? "" : pathAndQuery[(queryStart + 1)..];

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        int rest;
        if (segments.Length >= 2 && segments[0] == "api")
        {
            rest = 2;
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            rest = 3;
        }
        else
        {
            return false;
        }

        if (segments.Length > rest && segments[rest] == "watch")
        {
            rest++;
        }

        var remaining = segments[rest..];
        if (remaining.Length == 0)
        {
            return false;
        }

        string? ns = null;
        if (remaining[0] == "namespaces" && remaining.Length >= 3)
        {
            ns = remaining[1];
            remaining = remaining[2..];
        }

        target = new ApiTarget(
            Resource: remaining[0],
            Namespace: ns,
            Name: remaining.Length > 1 ? remaining[1] : null,
            Subresource: remaining.Length > 2 ? remaining[2] : null,
            LabelSelector: ReadQueryValue(query, "labelSelector"));
        return true;
    }

    private static string? ReadQueryValue(string query, string key)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            if (name == key && equals >= 0)
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }

    private readonly record struct ApiTarget(
        string Resource,
        string? Namespace,
        string? Name,
        string? Subresource,
        string? LabelSelector);
}
