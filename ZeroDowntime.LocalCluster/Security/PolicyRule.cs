using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Security;

/// <summary>
/// One <c>rules[]</c> entry of a Role or ClusterRole, matched with the RBAC authorizer's semantics
/// (kubernetes plugin/pkg/auth/authorizer/rbac: VerbMatches, APIGroupMatches, ResourceMatches,
/// ResourceNameMatches, NonResourceURLMatches).
/// </summary>
public sealed record PolicyRule(
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> ResourceNames,
    IReadOnlyList<string> NonResourceUrls)
{
    private const string All = "*";

    /// <summary>Reads a rule from its JSON form (missing lists are empty).</summary>
    public static PolicyRule FromJson(JsonNode? rule) => new(
        Strings(rule?["verbs"]), Strings(rule?["apiGroups"]), Strings(rule?["resources"]),
        Strings(rule?["resourceNames"]), Strings(rule?["nonResourceURLs"]));

    /// <summary>Reads every rule of a Role/ClusterRole object.</summary>
    public static IReadOnlyList<PolicyRule> ListFromRole(JsonNode? role) =>
        role?["rules"] is JsonArray rules ? rules.Select(FromJson).ToList() : [];

    /// <summary>Whether this rule allows the request.</summary>
    public bool Allows(RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Verbs.Any(v => v == All || v == request.Verb))
        {
            return false;
        }

        if (!request.IsResourceRequest)
        {
            // A trailing * matches any path with that prefix; nothing else is a wildcard.
            return NonResourceUrls.Any(u => u == All || u == request.Path || u.EndsWith('*') && request.Path.StartsWith(u[..^1], StringComparison.Ordinal));
        }

        return ApiGroups.Any(g => g == All || g == request.Group)
            && Resources.Any(r => ResourceMatches(r, request))
            && (ResourceNames.Count == 0 || request.Name is not null && ResourceNames.Contains(request.Name));
    }

    /// <inheritdoc />
    public override string ToString() =>
        NonResourceUrls.Count > 0 && Resources.Count == 0
            ? $"nonResourceURLs [{string.Join(", ", NonResourceUrls)}] verbs [{string.Join(", ", Verbs)}]"
            : $"apiGroups [{string.Join(", ", ApiGroups.Select(g => g.Length == 0 ? "\"\"" : g))}] resources [{string.Join(", ", Resources)}] verbs [{string.Join(", ", Verbs)}]"
              + (ResourceNames.Count > 0 ? $" resourceNames [{string.Join(", ", ResourceNames)}]" : "");

    private static bool ResourceMatches(string rule, RequestAttributes request)
    {
        if (rule == All || rule == request.CombinedResource)
        {
            return true;
        }

        // "*/scale" matches the scale subresource of every resource; "pods" alone never matches pods/log.
        return request.Subresource is { } sub && rule == "*/" + sub;
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? "").ToList() : [];
}
