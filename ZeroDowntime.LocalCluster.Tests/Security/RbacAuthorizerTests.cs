using System.Text.Json.Nodes;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Security;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Tests.Security;

/// <summary>Which bindings grant what, where.</summary>
public sealed class RbacAuthorizerTests
{
    private readonly ResourceCatalog _catalog = ResourceCatalog.Default;
    private readonly ObjectStore _store;
    private readonly UserInfo _sa = UserInfo.ServiceAccount("a", "sa");

    public RbacAuthorizerTests() => _store = new ObjectStore(_catalog);

    private static RequestAttributes ListPods(string? ns) => new("list", "", "pods", null, ns, null, "/");

    private void Put(string plural, string json) =>
        _store.Put(_catalog.Find("rbac.authorization.k8s.io", plural)!, JsonNode.Parse(json)!.AsObject());

    private const string PodReader = """{"metadata":{"name":"reader"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["list"]}]}""";

    [Fact]
    public void Without_bindings_everything_but_discovery_is_denied_and_administrators_are_never_restricted()
    {
        var authorizer = new RbacAuthorizer(_store);
        authorizer.Authorize(_sa, ListPods("a")).Allowed.Should().BeFalse();
        authorizer.Authorize(_sa, new RequestAttributes("get", "", null, null, null, null, "/apis/apps/v1")).Allowed.Should().BeTrue();
        authorizer.Authorize(UserInfo.Admin, ListPods("a")).Allowed.Should().BeTrue();
    }

    [Fact]
    public void A_RoleBinding_to_a_ClusterRole_grants_only_in_the_binding_namespace()
    {
        Put("clusterroles", PodReader);
        Put("rolebindings", """{"metadata":{"name":"b","namespace":"a"},"subjects":[{"kind":"ServiceAccount","name":"sa"}],"roleRef":{"kind":"ClusterRole","name":"reader"}}""");
        var authorizer = new RbacAuthorizer(_store);

        authorizer.Authorize(_sa, ListPods("a")).Allowed.Should().BeTrue("a subject without a namespace means the binding's");
        authorizer.Authorize(_sa, ListPods("b")).Allowed.Should().BeFalse();
        authorizer.Authorize(_sa, ListPods(null)).Allowed.Should().BeFalse("listing across namespaces needs a ClusterRoleBinding");
    }

    [Fact]
    public void A_ClusterRoleBinding_grants_in_every_namespace_and_at_the_cluster_scope_also_to_groups()
    {
        Put("clusterroles", PodReader);
        Put("clusterrolebindings", """{"metadata":{"name":"b"},"subjects":[{"kind":"Group","name":"system:serviceaccounts:a"}],"roleRef":{"kind":"ClusterRole","name":"reader"}}""");
        var authorizer = new RbacAuthorizer(_store);

        authorizer.Authorize(_sa, ListPods("b")).Allowed.Should().BeTrue();
        authorizer.Authorize(_sa, ListPods(null)).Allowed.Should().BeTrue();
        authorizer.Authorize(UserInfo.ServiceAccount("other", "sa"), ListPods("b")).Allowed.Should().BeFalse();
    }

    [Fact]
    public void A_binding_to_a_missing_role_denies_with_the_reason()
    {
        Put("rolebindings", """{"metadata":{"name":"b","namespace":"a"},"subjects":[{"kind":"ServiceAccount","name":"sa","namespace":"a"}],"roleRef":{"kind":"Role","name":"gone"}}""");

        var decision = new RbacAuthorizer(_store).Authorize(_sa, ListPods("a"));

        decision.Allowed.Should().BeFalse();
        decision.Reason.Should().Be("RBAC: [role.rbac.authorization.k8s.io \"gone\" not found]");
    }
}
