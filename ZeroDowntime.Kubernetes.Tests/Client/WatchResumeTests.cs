using FluentAssertions;
using k8s;
using k8s.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;
using static ZeroDowntime.Kubernetes.Tests.Fakes.HttpContextResponses;
using static ZeroDowntime.Kubernetes.Tests.Fakes.Objects;

namespace ZeroDowntime.Kubernetes.Tests.Client;

/// <summary>KubeWatch against the fake: resuming after clean closes and broken streams, bookmarks, giving up.</summary>
public class WatchResumeTests
{
    private const string Pods = "/api/v1/namespaces/default/pods";

    private static readonly TimeSpan FastBackoff = TimeSpan.FromMilliseconds(10);

    private static string Describe(KubeWatchEvent<V1Pod> e) => WatchReader<V1Pod>.Describe(e);

    private static string? Rv(RecordedRequest r) => r.Query.GetValueOrDefault("resourceVersion");

    [Fact]
    public async Task A_clean_close_rewatches_from_the_last_resource_version_without_repeats()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, r) => Rv(r) switch
        {
            "3" => ctx.StreamChunksAsync(WatchLine("ADDED", Pod("a", "4")), WatchLine("MODIFIED", Pod("a", "5"))),
            "5" => ctx.StreamChunksAsync(WatchLine("DELETED", Pod("a", "6"))),
            "6" => ctx.HoldOpenAsync(WatchLine("ADDED", Pod("b", "7"))),
            _ => ctx.HoldOpenAsync(),
        });
        var log = new TestLog();
        using var kube = ClientFactory.Create(server);
        await using var watch = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Pods, "default",
            new WatchOptions { ResourceVersion = "3", TimeoutSeconds = 30, Log = log.Add }, ct));

        var events = await watch.TakeAsync(4);

        events.Select(Describe).Should().Equal("Watch:Added:a@4", "Watch:Modified:a@5", "Watch:Deleted:a@6", "Watch:Added:b@7");
        server.Requests.Select(Rv).Should().Equal("3", "5", "6");
        server.Requests.Should().AllSatisfy(r => r.Query["timeoutSeconds"].Should().Be("30"));
        log.Lines.Should().Equal([
            "WATCH pods in default: stream closed; resuming from resourceVersion 5",
            "WATCH pods in default: stream closed; resuming from resourceVersion 6",
        ]);
    }

    [Fact]
    public async Task A_close_without_any_event_is_a_clean_close_not_a_failure()
    {
        // A quiet resource whose watch times out (timeoutSeconds) sends a 200 with an empty body; the library
        // reports that as an end-of-stream error. It must not count against MaxConsecutiveFailures.
        await using var server = await FakeApiServer.StartAsync();
        var empty = 0;
        server.On("GET", Pods, (ctx, _) => Interlocked.Increment(ref empty) <= 4
            ? ctx.StreamChunksAsync()
            : ctx.HoldOpenAsync(WatchLine("ADDED", Pod("a", "8"))));
        var log = new TestLog();
        using var kube = ClientFactory.Create(server);
        await using var watch = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Pods, "default",
            new WatchOptions { ResourceVersion = "7", TimeoutSeconds = 1, MaxConsecutiveFailures = 1, InitialBackoff = FastBackoff, Log = log.Add }, ct));

        var events = await watch.TakeAsync(1);

        events.Select(Describe).Should().Equal("Watch:Added:a@8");
        server.Requests.Select(Rv).Should().HaveCount(5).And.OnlyContain(rv => rv == "7");
        log.Lines.Should().HaveCount(4).And.OnlyContain(l => l == "WATCH pods in default: stream closed; resuming from resourceVersion 7");
    }

    [Fact]
    public async Task A_bookmark_moves_the_resource_version_and_is_not_delivered_unless_asked_for()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, r) => Rv(r) switch
        {
            "1" => ctx.StreamChunksAsync(WatchLine("ADDED", Pod("a", "2")), WatchLine("BOOKMARK", Bookmark("90"))),
            "90" => ctx.HoldOpenAsync(WatchLine("MODIFIED", Pod("a", "91"))),
            _ => ctx.HoldOpenAsync(),
        });
        using var kube = ClientFactory.Create(server);
        await using var watch = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Pods, "default", new WatchOptions { ResourceVersion = "1" }, ct));

        var events = await watch.TakeAsync(2);

        events.Select(Describe).Should().Equal("Watch:Added:a@2", "Watch:Modified:a@91");
        server.Requests.Select(Rv).Should().Equal("1", "90");
        server.Requests.Should().AllSatisfy(r => r.Query["allowWatchBookmarks"].Should().Be("true"));
    }

    [Fact]
    public async Task Bookmarks_are_delivered_when_asked_for()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, r) => Rv(r) == "1"
            ? ctx.HoldOpenAsync(WatchLine("BOOKMARK", Bookmark("50")), WatchLine("ADDED", Pod("a", "51")))
            : ctx.HoldOpenAsync());
        using var kube = ClientFactory.Create(server);
        await using var watch = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Pods, "default",
            new WatchOptions { ResourceVersion = "1", IncludeBookmarks = true }, ct));

        var events = await watch.TakeAsync(2);

        events.Select(e => $"{e.Type}@{e.Object.Metadata.ResourceVersion}").Should().Equal("Bookmark@50", "Added@51");
    }

    [Fact]
    public async Task A_stream_reset_mid_way_is_resumed_from_the_last_resource_version_after_a_backoff()
    {
        await using var server = await FakeApiServer.StartAsync();
        var resets = 0;
        server.On("GET", Pods, (ctx, r) => Rv(r) switch
        {
            // The reset can also drop the event in flight, in which case the client rightly asks for 1 again: reset once only.
            "1" when Interlocked.Increment(ref resets) == 1 => Faults.ResetMidStream(WatchLine("ADDED", Pod("a", "2")))(ctx),
            "1" => ctx.HoldOpenAsync(WatchLine("ADDED", Pod("a", "2"))),
            "2" => ctx.HoldOpenAsync(WatchLine("MODIFIED", Pod("a", "3"))),
            _ => ctx.HoldOpenAsync(),
        });
        var log = new TestLog();
        using var kube = ClientFactory.Create(server);
        await using var watch = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Pods, "default",
            new WatchOptions { ResourceVersion = "1", InitialBackoff = FastBackoff, Log = log.Add }, ct));

        var events = await watch.TakeAsync(2);

        events.Select(Describe).Should().Equal("Watch:Added:a@2", "Watch:Modified:a@3");
        server.Requests.Select(Rv).Should().StartWith("1").And.EndWith("2");
        log.Lines.Should().Contain(l => l.StartsWith("WATCH pods in default: stream broke (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_broken_stream_is_resumed_from_the_last_resource_version_after_a_backoff()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, r) => Rv(r) switch
        {
            "1" => Faults.CutMidStream(WatchLine("ADDED", Pod("a", "2")))(ctx),
            "2" => ctx.HoldOpenAsync(WatchLine("MODIFIED", Pod("a", "3"))),
            _ => ctx.HoldOpenAsync(),
        });
        var log = new TestLog();
        using var kube = ClientFactory.Create(server);
        await using var watch = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Pods, "default",
            new WatchOptions { ResourceVersion = "1", InitialBackoff = FastBackoff, Log = log.Add }, ct));

        var events = await watch.TakeAsync(2);

        events.Select(Describe).Should().Equal("Watch:Added:a@2", "Watch:Modified:a@3");
        server.Requests.Select(Rv).Should().Equal("1", "2");
        log.Lines.Should().ContainSingle().Which.Should().MatchRegex(
            @"^WATCH pods in default: stream broke \(the server closed the connection mid-response\); resuming from resourceVersion 2 in 0\.0\d+ s$");
    }

    [Fact]
    public async Task A_stream_that_keeps_breaking_gives_up_after_MaxConsecutiveFailures()
    {
        await using var server = await FakeApiServer.StartAsync();
        server.On("GET", Pods, (ctx, _) => Faults.CutMidStream()(ctx));
        var log = new TestLog();
        using var kube = ClientFactory.Create(server);
        await using var watch = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Pods, "default",
            new WatchOptions { ResourceVersion = "1", MaxConsecutiveFailures = 2, InitialBackoff = FastBackoff, Log = log.Add }, ct));

        var failure = await watch.FailureAsync();

        failure.Should().BeOfType<KubernetesConnectionException>().Which.Message.Should().Be(
            $"could not reach the Kubernetes API server at http://127.0.0.1:{server.Uri.Port}: the watch of pods in default broke 3 times in a row (the server closed the connection mid-response)");
        server.Requests.Should().HaveCount(3);
        log.Lines.Should().HaveCount(2).And.OnlyContain(l => l.StartsWith("WATCH pods in default: stream broke (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_between_breaks_resets_the_failure_count()
    {
        await using var server = await FakeApiServer.StartAsync();
        var calls = 0;
        server.On("GET", Pods, (ctx, _) => Interlocked.Increment(ref calls) switch
        {
            1 => Faults.CutMidStream()(ctx),
            2 => Faults.CutMidStream(WatchLine("ADDED", Pod("a", "2")))(ctx),
            3 => Faults.CutMidStream(WatchLine("MODIFIED", Pod("a", "3")))(ctx),
            _ => ctx.HoldOpenAsync(WatchLine("DELETED", Pod("a", "4"))),
        });
        using var kube = ClientFactory.Create(server);
        await using var watch = WatchReader.Start(ct => kube.WatchAsync(KubeResources.Pods, "default",
            new WatchOptions { ResourceVersion = "1", MaxConsecutiveFailures = 1, InitialBackoff = FastBackoff }, ct));

        var events = await watch.TakeAsync(3);

        events.Select(Describe).Should().Equal("Watch:Added:a@2", "Watch:Modified:a@3", "Watch:Deleted:a@4");
        server.Requests.Select(Rv).Should().Equal("1", "1", "2", "3");
    }
}
