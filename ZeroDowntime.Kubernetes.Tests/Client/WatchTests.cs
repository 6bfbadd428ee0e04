using ZeroDowntime.Kubernetes.Legacy;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.Kubernetes.Legacy.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;
using static ZeroDowntime.Kubernetes.Tests.Fakes.HttpContextResponses;

namespace ZeroDowntime.Kubernetes.Tests.Client;

public class WatchTests
{
    private const string Pods = "/api/v1/namespaces/default/pods";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static Pod P(string name, string rv) => new() { Metadata = new ObjectMeta { Name = name, Namespace = "default", ResourceVersion = rv } };

    private static Pod Bookmark(string rv) => new() { Metadata = new ObjectMeta { ResourceVersion = rv } };

    private static async Task<List<LegacyWatchEvent<Pod>>> TakeAsync(IAsyncEnumerable<LegacyWatchEvent<Pod>> events, int count)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var seen = new List<LegacyWatchEvent<Pod>>();
        try
        {
            await foreach (var e in events.WithCancellation(deadline.Token))
            {
                seen.Add(e);
                if (seen.Count == count) break;
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"expected {count} watch events within {Deadline}, got {seen.Count}: " +
                string.Join(", ", seen.Select(Describe)));
        }
        return seen;
    }

    private static string Describe(LegacyWatchEvent<Pod> e) => $"{e.Origin}:{e.Type}:{e.Object.Metadata.Name}@{e.Object.Metadata.ResourceVersion}";

    // After the scripted streams run out, hold the watch open until the client goes away.
    private static Task HoldOpenAsync(Microsoft.AspNetCore.Http.HttpContext ctx) =>
        ctx.StreamChunksAsync().ContinueWith(_ => Task.Delay(Timeout.Infinite, ctx.RequestAborted)).Unwrap()
            .ContinueWith(_ => { }, TaskScheduler.Default);

    [Fact]
    public async Task Events_split_mid_json_across_chunks_arrive_whole_and_in_order()
    {
        await using var server = await FakeApiServer.StartAsync();
        var lines = WatchLine("ADDED", P("a", "5")) + WatchLine("MODIFIED", P("a", "6")) + WatchLine("DELETED", P("a", "7"));
        var chunks = new[] { lines[..7], lines[7..40], lines[40..(lines.Length - 30)], lines[(lines.Length - 30)..] };
        server.On("GET", Pods, (ctx, r) => r.Query.ContainsKey("resourceVersion") ? HoldOpenAsync(ctx) : ctx.StreamChunksAsync(chunks));
        using var client = ClientFactory.Create(server);

        var events = await TakeAsync(client.WatchAsync<Pod>(), 3);

        events.Select(Describe).Should().Equal("Watch:Added:a@5", "Watch:Modified:a@6", "Watch:Deleted:a@7");
        var (type, pod) = events[0];
        (type, pod.Metadata.Name).Should().Be((WatchEventType.Added, "a"));
        server.Requests[0].Query["watch"].Should().Be("true");
        server.Requests[0].Query["allowWatchBookmarks"].Should().Be("true");
    }

    [Fact]
    public async Task A_clean_close_rewatches_from_the_last_resource_version_without_repeats()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, r) => r.Query.GetValueOrDefault("resourceVersion") switch
        {
            "3" => ctx.StreamChunksAsync(WatchLine("ADDED", P("a", "4")), WatchLine("MODIFIED", P("a", "5"))),
            "5" => ctx.StreamChunksAsync(WatchLine("DELETED", P("a", "6"))),
            _ => HoldOpenAsync(ctx),
        });
        using var client = ClientFactory.Create(server);

        var events = await TakeAsync(client.WatchAsync<Pod>(options: new LegacyWatchOptions { ResourceVersion = "3", TimeoutSeconds = 30 }), 3);

        events.Select(Describe).Should().Equal("Watch:Added:a@4", "Watch:Modified:a@5", "Watch:Deleted:a@6");
        server.Requests.Take(2).Select(r => r.Query["resourceVersion"]).Should().Equal("3", "5");
        server.Requests[0].Query["timeoutSeconds"].Should().Be("30");
    }

    [Fact]
    public async Task A_bookmark_moves_the_resource_version_used_by_the_next_watch()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, r) => r.Query.GetValueOrDefault("resourceVersion") switch
        {
            "1" => ctx.StreamChunksAsync(WatchLine("ADDED", P("a", "2")), WatchLine("BOOKMARK", Bookmark("90"))),
            "90" => ctx.StreamChunksAsync(WatchLine("MODIFIED", P("a", "91"))),
            _ => HoldOpenAsync(ctx),
        });
        using var client = ClientFactory.Create(server);

        var events = await TakeAsync(client.WatchAsync<Pod>(options: new LegacyWatchOptions { ResourceVersion = "1" }), 2);

        events.Select(Describe).Should().Equal("Watch:Added:a@2", "Watch:Modified:a@91");
        server.Requests[1].Query["resourceVersion"].Should().Be("90");
    }

    [Fact]
    public async Task Bookmarks_are_delivered_when_asked_for()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, r) => r.Query.GetValueOrDefault("resourceVersion") == "1"
            ? ctx.StreamChunksAsync(WatchLine("BOOKMARK", Bookmark("50")))
            : HoldOpenAsync(ctx));
        using var client = ClientFactory.Create(server);

        var events = await TakeAsync(client.WatchAsync<Pod>(options: new LegacyWatchOptions { ResourceVersion = "1", IncludeBookmarks = true }), 1);

        events.Single().Type.Should().Be(WatchEventType.Bookmark);
        events.Single().Object.Metadata.ResourceVersion.Should().Be("50");
    }

    [Fact]
    public async Task An_expired_watch_relists_and_reports_exactly_what_changed()
    {
        await using var server = await FakeApiServer.StartAsync();
        var lists = 0;
        server.On("GET", Pods, (ctx, r) =>
        {
            if (!r.Query.ContainsKey("watch"))
            {
                return Interlocked.Increment(ref lists) == 1
                    ? ctx.WriteJsonAsync(200, new KubeList<Pod> { Metadata = new ListMeta { ResourceVersion = "10" }, Items = [P("a", "1"), P("b", "1"), P("c", "1")] })
                    : ctx.WriteJsonAsync(200, new KubeList<Pod> { Metadata = new ListMeta { ResourceVersion = "20" }, Items = [P("a", "13"), P("c", "1"), P("d", "15")] });
            }
            return r.Query["resourceVersion"] switch
            {
                "10" => ctx.StreamChunksAsync(
                    WatchLine("MODIFIED", P("a", "11")),
                    """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 11 (12)","reason":"Expired","code":410}}""" + "\n"),
                "20" => ctx.StreamChunksAsync(WatchLine("DELETED", P("c", "21"))),
                _ => HoldOpenAsync(ctx),
            };
        });
        var log = new List<string>();
        using var client = ClientFactory.Create(server, ClientFactory.FastOptions(log));

        var events = await TakeAsync(client.ListAndWatchAsync<Pod>(options: new LegacyWatchOptions { LabelSelector = "app=web" }), 8);

        events.Select(Describe).Should().Equal(
            "InitialList:Added:a@1", "InitialList:Added:b@1", "InitialList:Added:c@1",
            "Watch:Modified:a@11",
            "Relist:Modified:a@13", "Relist:Added:d@15", "Relist:Deleted:b@1",
            "Watch:Deleted:c@21");
        server.Requests.Where(r => !r.Query.ContainsKey("watch")).Should().HaveCount(2).And.OnlyContain(r => r.Query["labelSelector"] == "app=web");
        log.Should().Contain($"WATCH {Pods}: resourceVersion 11 expired (410 Gone); relisting");
    }

    [Fact]
    public async Task An_http_410_when_starting_a_watch_also_relists()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, r) =>
            !r.Query.ContainsKey("watch") ? ctx.WriteJsonAsync(200, new KubeList<Pod> { Metadata = new ListMeta { ResourceVersion = "30" }, Items = [P("x", "29")] })
            : r.Query["resourceVersion"] == "2" ? ctx.WriteStatusAsync(410, "Expired", "too old resource version")
            : r.Query["resourceVersion"] == "30" ? ctx.StreamChunksAsync(WatchLine("MODIFIED", P("x", "31")))
            : HoldOpenAsync(ctx));
        using var client = ClientFactory.Create(server);

        var events = await TakeAsync(client.WatchAsync<Pod>(options: new LegacyWatchOptions { ResourceVersion = "2" }), 2);

        events.Select(Describe).Should().Equal("Relist:Added:x@29", "Watch:Modified:x@31");
    }

    [Fact]
    public async Task A_watch_error_other_than_expired_is_thrown_with_the_servers_status()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, _) => ctx.StreamChunksAsync(
            """{"type":"ERROR","object":{"kind":"Status","status":"Failure","message":"internal error","reason":"InternalError","code":500}}""" + "\n"));
        using var client = ClientFactory.Create(server);

        var act = () => TakeAsync(client.WatchAsync<Pod>(), 1);

        await act.Should().ThrowAsync<KubernetesApiException>().WithMessage($"WATCH {Pods} failed: 500 InternalError: internal error");
    }

    [Fact]
    public async Task A_forbidden_watch_is_thrown_not_retried()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", "/api/v1/nodes", (ctx, _) => ctx.WriteStatusAsync(403, "Forbidden", "nodes is forbidden: User \"zd\" cannot watch resource \"nodes\""));
        using var client = ClientFactory.Create(server);

        var act = async () =>
        {
            await foreach (var _ in client.WatchAsync<Node>()) { }
        };

        await act.Should().ThrowAsync<KubernetesApiException>()
            .WithMessage("WATCH /api/v1/nodes failed: 403 Forbidden: nodes is forbidden: User \"zd\" cannot watch resource \"nodes\"");
        server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_broken_stream_rewatches_from_the_last_resource_version()
    {
        await using var server = await FakeApiServer.StartAsync();
        var resets = 0;
        server.On("GET", Pods, async (ctx, r) =>
        {
            switch (r.Query.GetValueOrDefault("resourceVersion"))
            {
                case "1":
                    await ctx.StreamChunksAsync(WatchLine("ADDED", P("a", "2")));
                    // A reset mid-stream, not a clean end; only once, because a reset can also discard the
                    // event in flight, in which case the client rightly asks for version 1 again.
                    if (Interlocked.Increment(ref resets) == 1) ctx.Abort();
                    break;
                case "2":
                    await ctx.StreamChunksAsync(WatchLine("MODIFIED", P("a", "3")));
                    break;
                default:
                    await HoldOpenAsync(ctx);
                    break;
            }
        });
        var log = new List<string>();
        using var client = ClientFactory.Create(server, ClientFactory.FastOptions(log));

        var events = await TakeAsync(client.WatchAsync<Pod>(options: new LegacyWatchOptions { ResourceVersion = "1" }), 2);

        events.Select(Describe).Should().Equal("Watch:Added:a@2", "Watch:Modified:a@3");
        server.Requests.Select(r => r.Query["resourceVersion"]).Should().StartWith("1").And.Contain("2");
        log.Should().Contain(l => l.StartsWith($"WATCH {Pods}: stream broke", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_watch_stream_outlives_the_request_timeout()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, async (ctx, r) =>
        {
            if (r.Query.GetValueOrDefault("resourceVersion") != "1")
            {
                await HoldOpenAsync(ctx);
                return;
            }
            await ctx.StreamChunksAsync(WatchLine("ADDED", P("a", "2")));
            await Task.Delay(TimeSpan.FromSeconds(1.5), ctx.RequestAborted); // Longer than the request timeout: the behaviour under test.
            await ctx.Response.WriteAsync(WatchLine("MODIFIED", P("a", "3")));
        });
        var options = ClientFactory.FastOptions() with { RequestTimeout = TimeSpan.FromMilliseconds(300) };
        using var client = ClientFactory.Create(server, options);

        var events = await TakeAsync(client.WatchAsync<Pod>(options: new LegacyWatchOptions { ResourceVersion = "1" }), 2);

        events.Select(Describe).Should().Equal("Watch:Added:a@2", "Watch:Modified:a@3");
        server.Requests.Should().HaveCount(1, "the stream was not cut and re-opened");
    }
}
