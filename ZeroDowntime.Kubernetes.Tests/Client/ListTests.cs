using ZeroDowntime.Kubernetes.Legacy;
using FluentAssertions;
using ZeroDowntime.Kubernetes.Legacy.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Client;

public class ListTests
{
    private static KubeList<Pod> Page(string? next, string rv, params string[] names) => new()
    {
        Metadata = new ListMeta { Continue = next, ResourceVersion = rv },
        Items = names.Select(n => new Pod { Metadata = new ObjectMeta { Name = n, Namespace = "default" } }).ToList(),
    };

    [Fact]
    public async Task List_sends_label_and_field_selectors_and_spans_all_namespaces_when_asked()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/pods", (ctx, _) => ctx.WriteJsonAsync(200, Page(null, "5", "a")));
        using var client = ClientFactory.Create(server);

        var list = await client.ListAsync<Pod>(KubernetesClient.AllNamespaces,
            new ListOptions { LabelSelector = "ray.io/node-type=worker", FieldSelector = "spec.nodeName=node-a", Limit = 50 });

        list.Items.Should().ContainSingle();
        var query = server.Requests.Single().Query;
        query["labelSelector"].Should().Be("ray.io/node-type=worker");
        query["fieldSelector"].Should().Be("spec.nodeName=node-a");
        query["limit"].Should().Be("50");
    }

    [Fact]
    public async Task ListAll_follows_continue_tokens_across_three_pages()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/default/pods", (ctx, r) => r.Query.GetValueOrDefault("continue") switch
        {
            null => ctx.WriteJsonAsync(200, Page("t1", "10", "a", "b")),
            "t1" => ctx.WriteJsonAsync(200, Page("t2", "10", "c", "d")),
            "t2" => ctx.WriteJsonAsync(200, Page(null, "10", "e")),
            _ => ctx.WriteStatusAsync(400, "BadRequest", "unknown token"),
        });
        using var client = ClientFactory.Create(server);

        var all = await client.ListAllAsync<Pod>(options: new ListOptions { Limit = 2, LabelSelector = "app=web" });

        all.Items.Select(p => p.Metadata.Name).Should().Equal("a", "b", "c", "d", "e");
        all.Metadata.ResourceVersion.Should().Be("10");
        all.Metadata.Continue.Should().BeNull();
        server.Requests.Should().HaveCount(3).And.OnlyContain(r => r.Query["labelSelector"] == "app=web" && r.Query["limit"] == "2");
    }

    [Fact]
    public async Task ListAll_lists_again_without_paging_when_a_continue_token_expires()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/namespaces/default/pods", (ctx, r) =>
            r.Query.ContainsKey("continue") ? ctx.WriteStatusAsync(410, "Expired", "The provided continue parameter is too old")
            : r.Query.ContainsKey("limit") ? ctx.WriteJsonAsync(200, Page("t1", "10", "a"))
            : ctx.WriteJsonAsync(200, Page(null, "12", "a", "b")));
        using var client = ClientFactory.Create(server);

        var all = await client.ListAllAsync<Pod>(options: new ListOptions { Limit = 1 });

        all.Items.Select(p => p.Metadata.Name).Should().Equal("a", "b");
        all.Metadata.ResourceVersion.Should().Be("12");
    }
}
