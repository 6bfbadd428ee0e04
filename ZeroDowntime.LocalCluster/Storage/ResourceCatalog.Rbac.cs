namespace ZeroDowntime.LocalCluster.Storage;

public sealed partial class ResourceCatalog
{
    /// <summary>rbac.authorization.k8s.io/v1: what the RBAC authorizer reads (Security/RbacAuthorizer).</summary>
    private static IEnumerable<ResourceType> RbacTypes()
    {
        const string group = "rbac.authorization.k8s.io";
        yield return new ResourceType { Group = group, Version = "v1", Plural = "roles", Singular = "role", Kind = "Role", Namespaced = true, HasStatus = false };
        yield return new ResourceType { Group = group, Version = "v1", Plural = "rolebindings", Singular = "rolebinding", Kind = "RoleBinding", Namespaced = true, HasStatus = false };
        yield return new ResourceType { Group = group, Version = "v1", Plural = "clusterroles", Singular = "clusterrole", Kind = "ClusterRole", Namespaced = false, HasStatus = false };
        yield return new ResourceType
        {
            Group = group, Version = "v1", Plural = "clusterrolebindings", Singular = "clusterrolebinding", Kind = "ClusterRoleBinding", Namespaced = false, HasStatus = false,
        };
    }
}
