using FluentAssertions;
using k8s.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;
using static ZeroDowntime.Kubernetes.Tests.Fakes.Objects;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>KubeLists.ListAllAsync against the fake: continue tokens, the first page's resourceVersion, selectors, scopes.</summary>
public class KubeListsTests
{
    private const string Pods = "/api/v1/namespaces/default/pods";

    [Fact]
    public async Task ListAll_follows_continue_tokens_across_three_pages_and_returns_the_first_pages_version()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, r) => r.Query.GetValueOrDefault("continue") switch
        {
            null => ctx.WriteJsonAsync(200, PodList("10", "t1", Pod("a", "1"), Pod("b", "2"))),
            "t1" => ctx.WriteJsonAsync(200, PodList("11", "t2", Pod("c", "3"), Pod("d", "4"))),
            "t2" => ctx.WriteJsonAsync(200, PodList("12", null, Pod("e", "5"))),
            _ => ctx.WriteStatusAsync(400, "BadRequest", "unknown token"),
        });
        using var kube = ClientFactory.Create(server);

        var all = await kube.ListAllAsync(KubeResources.Pods, "default", labelSelector: "app=web", fieldSelector: "status.phase=Running");

        all.Items.Select(p => p.Metadata.Name).Should().Equal("a", "b", "c", "d", "e");
        all.ResourceVersion.Should().Be("10", "the first page is the consistent snapshot the rest continues");
        server.Requests.Select(r => r.Query.GetValueOrDefault("continue")).Should().Equal(null, "t1", "t2");
        server.Requests.Should().AllSatisfy(r =>
        {
            r.Query["limit"].Should().Be(KubeLists.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            r.Query["labelSelector"].Should().Be("app=web");
            r.Query["fieldSelector"].Should().Be("status.phase=Running");
        });
    }

    [Fact]
    public async Task ListAll_lists_again_in_one_request_when_a_continue_token_expires()
    {
        // As client-go's pager: the snapshot behind the token was compacted away, so the pages already read
        // cannot be completed consistently; one unpaged list is.
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, r) =>
            r.Query.ContainsKey("continue") ? ctx.WriteStatusAsync(410, "Expired", "The provided continue parameter is too old to display a consistent list result.")
            : r.Query.ContainsKey("limit") ? ctx.WriteJsonAsync(200, PodList("10", "t1", Pod("a", "1")))
            : ctx.WriteJsonAsync(200, PodList("12", null, Pod("a", "1"), Pod("b", "11"))));
        using var kube = ClientFactory.Create(server);

        var all = await kube.ListAllAsync(KubeResources.Pods, "default", labelSelector: "app=web");

        all.Items.Select(p => p.Metadata.Name).Should().Equal("a", "b");
        all.ResourceVersion.Should().Be("12");
        server.Requests.Should().HaveCount(3);
        server.Requests[2].Query.Should().NotContainKey("limit").And.NotContainKey("continue");
        server.Requests[2].Query["labelSelector"].Should().Be("app=web");
    }

    [Fact]
    public async Task A_null_namespace_lists_all_namespaces_and_a_cluster_scoped_kind_ignores_the_namespace()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/pods", (ctx, _) => ctx.WriteJsonAsync(200, PodList("5", null, Pod("a", "1", "team-a"), Pod("b", "2", "team-b"))));
        server.On("GET", "/api/v1/nodes", (ctx, _) => ctx.WriteJsonAsync(200, new V1NodeList
        {
            Metadata = new V1ListMeta { ResourceVersion = "6" },
            Items = [new V1Node { Metadata = new V1ObjectMeta { Name = "n1" } }],
        }));
        using var kube = ClientFactory.Create(server);

        var pods = await kube.ListAllAsync(KubeResources.Pods);
        var nodes = await kube.ListAllAsync(KubeResources.Nodes, "ignored");

        pods.Items.Select(p => p.Metadata.NamespaceProperty).Should().Equal("team-a", "team-b");
        nodes.Items.Should().ContainSingle().Which.Metadata.Name.Should().Be("n1");
        nodes.ResourceVersion.Should().Be("6");
        server.Requests.Select(r => r.Path).Should().Equal("/api/v1/pods", "/api/v1/nodes");
    }

    [Fact]
    public async Task A_list_without_items_is_empty()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, _) => ctx.WriteRawAsync(200, """{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"3"}}"""));
        using var kube = ClientFactory.Create(server);

        var all = await kube.ListAllAsync(KubeResources.Pods, "default");

        all.Items.Should().BeEmpty();
        all.ResourceVersion.Should().Be("3");
    }
}
