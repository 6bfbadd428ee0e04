using FluentAssertions;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;
using static ZeroDowntime.Kubernetes.Tests.Fakes.HttpContextResponses;
using static ZeroDowntime.Kubernetes.Tests.Fakes.Objects;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>KubeWatch against the fake: the initial list, 410 Expired and the relist diff, errors that end a watch, selectors.</summary>
public class WatchRelistTests
{
    private const string Pods = "/api/v1/namespaces/default/pods";

    private static string Describe(KubeWatchEvent<V1Pod> e) => WatchReader<V1Pod>.Describe(e);

    private static bool IsWatch(RecordedRequest r) => r.Query.GetValueOrDefault("watch") == "true";

    [Fact]
    public async Task ListAndWatch_yields_the_initial_list_then_watches_from_its_version_with_the_same_selectors()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, r) => IsWatch(r)
            ? ctx.HoldOpenAsync(WatchLine("ADDED", Pod("c", "11")))
            : ctx.WriteJsonAsync(200, PodList("10", null, Pod("a", "4"), Pod("b", "9"))));
        using var kube = ClientFactory.Create(server);
        var options = new WatchOptions { LabelSelector = "app=web", FieldSelector = "spec.nodeName=node-a" };
        await using var watch = WatchReader.Start(ct => kube.ListAndWatchAsync(KubeResources.Pods, "default", options, ct));

        var events = await watch.TakeAsync(3);

        events.Select(Describe).Should().Equal("InitialList:Added:a@4", "InitialList:Added:b@9", "Watch:Added:c@11");
        var (list, watchRequest) = (server.Requests[0], server.Requests[1]);
        IsWatch(list).Should().BeFalse();
        watchRequest.Query["resourceVersion"].Should().Be("10");
        foreach (var request in new[] { list, watchRequest })
        {
            request.Query["labelSelector"].Should().Be("app=web");
            request.Query["fieldSelector"].Should().Be("spec.nodeName=node-a");
        }
    }

    [Fact]
    public async Task A_relist_that_finds_a_name_held_by_another_uid_reports_the_old_one_deleted_and_the_new_one_added()
    {
        await using var server = await FakeApiServer.StartAsync();
        var lists = 0;
        var before = Pod("redis-0", "1") with { Metadata = Pod("redis-0", "1").Metadata with { Uid = "uid-old" } };
        var after = Pod("redis-0", "14") with { Metadata = Pod("redis-0", "14").Metadata with { Uid = "uid-new" } };
        server.On("GET", Pods, (ctx, r) =>
        {
            if (!IsWatch(r))
            {
                return Interlocked.Increment(ref lists) == 1 ? ctx.WriteJsonAsync(200, PodList("10", null, before)) : ctx.WriteJsonAsync(200, PodList("20", null, after));
            }

            return r.Query["resourceVersion"] == "10" ? ctx.StreamChunksAsync(ErrorLine(410, "Expired", "too old resource version: 10 (12)")) : ctx.HoldOpenAsync();
        });
        using var kube = ClientFactory.Create(server);
        await using var watch = WatchReader.Start(ct => kube.ListAndWatchAsync(KubeResources.Pods, "default", new WatchOptions(), ct));

        var events = await watch.TakeAsync(3);

        events.Select(e => $"{Describe(e)}/{e.Object.Metadata.Uid}").Should().Equal(
            "InitialList:Added:redis-0@1/uid-old", "Relist:Deleted:redis-0@1/uid-old", "Relist:Added:redis-0@14/uid-new");
    }

    [Fact]
    public async Task An_expired_watch_relists_and_reports_exactly_what_changed()
    {
        await using var server = await FakeApiServer.StartAsync();
        var lists = 0;
        server.On("GET", Pods, (ctx, r) =>
        {
            if (!IsWatch(r))
            {
                return Interlocked.Increment(ref lists) == 1
                    ? ctx.WriteJsonAsync(200, PodList("10", null, Pod("a", "1"), Pod("b", "1"), Pod("c", "1")))
                    : ctx.WriteJsonAsync(200, PodList("20", null, Pod("a", "13"), Pod("c", "1"), Pod("d", "15")));
            }

            return r.Query["resourceVersion"] switch
            {
                "10" => ctx.StreamChunksAsync(WatchLine("MODIFIED", Pod("a", "11")), ErrorLine(410, "Expired", "too old resource version: 11 (12)")),
                "20" => ctx.HoldOpenAsync(WatchLine("DELETED", Pod("c", "21"))),
                _ => ctx.HoldOpenAsync(),
            };
        });
        var log = new TestLog();
        using var kube = ClientFactory.Create(server);
        await using var watch = WatchReader.Start(ct => kube.ListAndWatchAsync(KubeResources.Pods, "default",
            new WatchOptions { LabelSelector = "app=web", Log = log.Add }, ct));

        var events = await watch.TakeAsync(8);

        events.Select(Describe).Should().Equal(
            "InitialList:Added:a@1", "InitialList:Added:b@1", "InitialList:Added:c@1",
            "Watch:Modified:a@11",
            "Relist:Modified:a@13", "Relist:Added:d@15", "Relist:Deleted:b@1",
            "Watch:Deleted:c@21");
        server.Requests.Where(r => !IsWatch(r)).Should().HaveCount(2).And.OnlyContain(r => r.Query["labelSelector"] == "app=web");
        log.Lines.Should().Contain("WATCH pods in default: resourceVersion 11 expired (410 Gone); relisting");
    }

    [Fact]
    public async Task An_http_410_when_opening_a_watch_also_relists()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, r) =>
            !IsWatch(r) ? ctx.WriteJsonAsync(200, PodList("30", null, Pod("x", "29")))
            : r.Query["resourceVersion"] == "2" ? ctx.WriteStatusAsync(410, "Expired", "too old resource version")
            : r.Query["resourceVersion"] == "30" ? ctx.HoldOpenAsync(WatchLine("MODIFIED", Pod("x", "31")))
            : ctx.HoldOpenAsync());
        using var kube = ClientFactory.Create(server);
        await using var watch = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Pods, "default", new WatchOptions { ResourceVersion = "2" }, ct));

        var events = await watch.TakeAsync(2);

        events.Select(Describe).Should().Equal("Relist:Added:x@29", "Watch:Modified:x@31");
    }

    [Fact]
    public async Task WatchFromList_starts_at_the_lists_version_and_a_relist_reports_changes_against_its_items()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, r) =>
            !IsWatch(r) ? ctx.WriteJsonAsync(200, PodList("40", null, Pod("kept", "5"), Pod("changed", "39")))
            : r.Query["resourceVersion"] == "7" ? ctx.StreamChunksAsync(ErrorLine(410, "Expired", "too old resource version: 7 (35)"))
            : ctx.HoldOpenAsync());
        using var kube = ClientFactory.Create(server);
        var held = new ListedItems<V1Pod>([Pod("kept", "5"), Pod("changed", "6"), Pod("gone", "6")], "7");
        await using var watch = WatchReader.Start(ct => kube.WatchFromListAsync(KubeResources.Pods, held, "default", ct: ct));

        var events = await watch.TakeAsync(2);

        events.Select(Describe).Should().Equal("Relist:Modified:changed@39", "Relist:Deleted:gone@6");
        server.Requests.First(IsWatch).Query["resourceVersion"].Should().Be("7");
    }

    [Fact]
    public async Task A_watch_error_other_than_expired_fails_the_watch_with_the_servers_status()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, _) => ctx.StreamChunksAsync(ErrorLine(500, "InternalError", "etcdserver: request timed out")));
        using var kube = ClientFactory.Create(server);
        await using var watch = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Pods, "default", ct: ct));

        var failure = await watch.FailureAsync();

        failure.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("The watch failed: 500 InternalError: etcdserver: request timed out");
        server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_forbidden_watch_fails_at_once_with_a_describable_error()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/nodes", (ctx, _) => ctx.WriteStatusAsync(403, "Forbidden", "nodes is forbidden: User \"zd\" cannot watch resource \"nodes\""));
        using var kube = ClientFactory.Create(server);
        await using var watch = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Nodes, ct: ct));

        var failure = await watch.FailureAsync();

        failure.Should().BeOfType<HttpOperationException>().Which.Describe()
            .Should().Be("GET /api/v1/nodes failed: 403 Forbidden: nodes is forbidden: User \"zd\" cannot watch resource \"nodes\"");
        server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_null_namespace_watches_all_namespaces_and_a_cluster_scoped_kind_ignores_the_namespace()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/pods", (ctx, _) => ctx.HoldOpenAsync(WatchLine("ADDED", Pod("a", "2", "team-a"))));
        server.On("GET", "/api/v1/nodes", (ctx, _) => ctx.HoldOpenAsync(WatchLine("ADDED", new V1Node { Metadata = new V1ObjectMeta { Name = "n1", ResourceVersion = "3" } })));
        using var kube = ClientFactory.Create(server);
        await using var pods = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Pods, null, ct: ct));
        await using var nodes = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Nodes, "ignored", ct: ct));

        (await pods.TakeAsync(1)).Single().Object.Metadata.NamespaceProperty.Should().Be("team-a");
        (await nodes.TakeAsync(1)).Single().Object.Metadata.Name.Should().Be("n1");
    }
}
