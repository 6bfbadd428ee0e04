using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Security;

/// <summary>
/// Decides requests from the Role, ClusterRole, RoleBinding and ClusterRoleBinding objects in the store,
/// as kube-apiserver's RBAC authorizer does: ClusterRoleBindings grant everywhere, RoleBindings grant
/// in their namespace (to a Role of that namespace or a ClusterRole); any matching rule allows; there is
/// no deny. Members of <c>system:masters</c> are always allowed.
/// </summary>
public sealed class RbacAuthorizer
{
    /// <summary>
    /// The bootstrap policy every authenticated user gets on a real cluster (system:discovery,
    /// system:public-info-viewer, system:basic-user), so kubectl can discover resources and ask can-i.
    /// </summary>
    public static readonly IReadOnlyList<PolicyRule> AuthenticatedDefaults =
    [
        new(["get"], [], [], [], ["/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*", "/version", "/version/", "/healthz", "/livez", "/readyz"]),
        new(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], [], []),
    ];

    private readonly ObjectStore _store;

    /// <summary>Creates an authorizer over <paramref name="store"/>'s RBAC objects.</summary>
    public RbacAuthorizer(ObjectStore store) => _store = store;

    /// <summary>Allows or denies; a denial carries the authorizer's reason (missing roles), usually empty.</summary>
    public AuthorizationDecision Authorize(UserInfo user, RequestAttributes request)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        if (user.IsAdmin)
        {
            return new AuthorizationDecision(true, null, null);
        }

        if (user.Groups.Contains("system:authenticated") && AuthenticatedDefaults.FirstOrDefault(r => r.Allows(request)) is { } builtin)
        {
            return new AuthorizationDecision(true, null, builtin);
        }

        var errors = new List<string>();
        foreach (var (roleRef, bindingNamespace) in Bindings(user, request.Namespace))
        {
            var rules = RulesOf(roleRef, bindingNamespace, errors);
            if (rules.FirstOrDefault(r => r.Allows(request)) is { } rule)
            {
                return new AuthorizationDecision(true, null, rule);
            }
        }

        return new AuthorizationDecision(false, errors.Count == 0 ? null : $"RBAC: [{string.Join(", ", errors)}]", null);
    }

    // (roleRef, namespace of the binding or null for a ClusterRoleBinding) for every binding naming the user.
    private IEnumerable<(JsonNode? RoleRef, string? Namespace)> Bindings(UserInfo user, string? requestNamespace)
    {
        foreach (var binding in Objects("clusterrolebindings").Where(b => Names(b, user)))
        {
            yield return (binding["roleRef"], null);
        }

        if (requestNamespace is { Length: > 0 })
        {
            foreach (var binding in Objects("rolebindings").Where(b => b["metadata"]?["namespace"]?.GetValue<string>() == requestNamespace && Names(b, user)))
            {
                yield return (binding["roleRef"], requestNamespace);
            }
        }
    }

    private static bool Names(JsonObject binding, UserInfo user)
    {
        var bindingNamespace = binding["metadata"]?["namespace"]?.GetValue<string>();
        return binding["subjects"] is JsonArray subjects && subjects.Any(s =>
        {
            var kind = s?["kind"]?.GetValue<string>();
            var name = s?["name"]?.GetValue<string>() ?? "";
            return kind switch
            {
                // A ServiceAccount subject without a namespace means the binding's own namespace.
                "ServiceAccount" => user.Name == $"system:serviceaccount:{s?["namespace"]?.GetValue<string>() ?? bindingNamespace}:{name}",
                "User" => user.Name == name,
                "Group" => user.Groups.Contains(name),
                _ => false,
            };
        });
    }

    private IReadOnlyList<PolicyRule> RulesOf(JsonNode? roleRef, string? bindingNamespace, List<string> errors)
    {
        var kind = roleRef?["kind"]?.GetValue<string>();
        var name = roleRef?["name"]?.GetValue<string>() ?? "";
        var (plural, ns) = kind == "Role" && bindingNamespace is not null ? ("roles", bindingNamespace) : ("clusterroles", (string?)null);
        var type = _store.Catalog.Find("rbac.authorization.k8s.io", plural);
        if (type is null || _store.Get(type, ns, name) is not { } role)
        {
            errors.Add($"{(plural == "roles" ? "role" : "clusterrole")}.rbac.authorization.k8s.io \"{name}\" not found");
            return [];
        }

        return PolicyRule.ListFromRole(role.ToJsonObject());
    }

    private IEnumerable<JsonObject> Objects(string plural) =>
        _store.Catalog.Find("rbac.authorization.k8s.io", plural) is { } type
            ? _store.Snapshot(type).Values.Select(o => o.ToJsonObject())
            : [];
}
