using k8s;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests;

public sealed class WatchTests
{
    private static (ObjectStore Store, ClusterApi Api) NewCluster(int history = 1000)
    {
        var store = new ObjectStore(ResourceCatalog.Default, history);
        var api = new ClusterApi(store);
        api.Namespaces.Create(new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "default" } });
        return (store, api);
    }

    private static async Task<List<WatchFrame>> TakeAsync(StoreWatcher watcher, int count)
    {
        var frames = new List<WatchFrame>();
        using var deadline = new CancellationTokenSource(Deadlines.StoreChange);
        await foreach (var frame in watcher.ReadAllAsync(deadline.Token))
        {
            frames.Add(frame);
            if (frames.Count == count)
            {
                break;
            }
        }

        return frames;
    }

    [Fact]
    public async Task Watch_without_resource_version_sends_current_objects_as_added_then_changes()
    {
        var (_, api) = NewCluster();
        api.Pods.Create(Objects.Pod("default", "a"));
        api.Pods.Create(Objects.Pod("default", "b"));
        using var watcher = api.Pods.Watch("default");
        api.Pods.Mutate("default", "a", p => p.Ensure("metadata", "labels")["x"] = "1");

        var frames = await TakeAsync(watcher, 3);

        frames.Select(f => (f.Type, f.Object.Name)).Should().Equal(
            (WatchEventType.Added, "a"), (WatchEventType.Added, "b"), (WatchEventType.Modified, "a"));
    }

    [Fact]
    public async Task Watch_from_a_resource_version_resumes_with_the_changes_after_it()
    {
        var (_, api) = NewCluster();
        api.Pods.Create(Objects.Pod("default", "a"));
        var resumeFrom = api.ResourceVersion;
        api.Pods.Create(Objects.Pod("default", "b"));
        api.Pods.Delete("default", "a", new V1DeleteOptions { GracePeriodSeconds = 0 });

        using var watcher = api.Pods.Watch(resourceVersion: resumeFrom);
        var frames = await TakeAsync(watcher, 2);

        frames.Select(f => (f.Type, f.Object.Name)).Should().Equal((WatchEventType.Added, "b"), (WatchEventType.Deleted, "a"));
        frames[1].Object.ResourceVersion.Should().Be(api.ResourceVersion, "a DELETED event carries the deletion's resourceVersion");
    }

    [Fact]
    public void Watch_from_a_resource_version_older_than_the_history_is_410_expired()
    {
        var (_, api) = NewCluster(history: 5);
        var old = api.ResourceVersion;
        for (var i = 0; i < 10; i++)
        {
            api.Pods.Create(Objects.Pod("default", $"p{i}"));
        }

        var error = Objects.Fails(() => api.Pods.Watch(resourceVersion: old));

        error.Code.Should().Be(410);
        error.Reason.Should().Be("Expired");
        error.Message.Should().StartWith($"too old resource version: {old} (");
    }

    [Fact]
    public async Task Objects_entering_and_leaving_a_selector_arrive_as_added_and_deleted()
    {
        var (_, api) = NewCluster();
        api.Pods.Create(Objects.Pod("default", "p", labels: new() { ["role"] = "worker" }));
        using var watcher = api.Pods.Watch(labelSelector: "role=head", resourceVersion: api.ResourceVersion);

        api.Pods.Mutate("default", "p", p => p["metadata"]!["labels"]!["role"] = "head");
        api.Pods.Mutate("default", "p", p => p["metadata"]!["labels"]!["tier"] = "x");
        api.Pods.Mutate("default", "p", p => p["metadata"]!["labels"]!["role"] = "worker");
        var frames = await TakeAsync(watcher, 3);

        frames.Select(f => f.Type).Should().Equal(WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted);
        frames[2].Object.Labels["role"].Should().Be("head", "the DELETED event shows the last state that matched");
        frames[2].Object.ResourceVersion.Should().Be(api.ResourceVersion);
    }

    [Fact]
    public async Task Field_selected_watch_sees_a_pod_leave_its_node()
    {
        var (_, api) = NewCluster();
        api.Pods.Create(Objects.Pod("default", "p", node: null));
        using var watcher = api.Pods.Watch(fieldSelector: "spec.nodeName=zd-node-2", resourceVersion: api.ResourceVersion);

        api.Pods.Mutate("default", "p", p => p["spec"]!["nodeName"] = "zd-node-2");
        api.Pods.Delete("default", "p", new V1DeleteOptions { GracePeriodSeconds = 0 });
        var frames = await TakeAsync(watcher, 2);

        frames.Select(f => f.Type).Should().Equal(WatchEventType.Added, WatchEventType.Deleted);
    }

    [Fact]
    public async Task Every_watcher_receives_the_same_encoded_line_for_an_event()
    {
        var (_, api) = NewCluster();
        var watchers = Enumerable.Range(0, 5).Select(_ => api.Pods.Watch(resourceVersion: 1)).ToList();
        api.Pods.Create(Objects.Pod("default", "p"));

        var lines = new List<byte[]>();
        foreach (var watcher in watchers)
        {
            lines.Add((await TakeAsync(watcher, 1))[0].Line);
            watcher.Dispose();
        }

        lines.Should().AllSatisfy(line => line.Should().BeSameAs(lines[0]), "each event is serialized once and shared");
    }

    [Fact]
    public void Bookmark_resource_version_is_withheld_while_the_reader_is_behind()
    {
        var (_, api) = NewCluster();
        using var watcher = api.Pods.Watch(resourceVersion: api.ResourceVersion);
        watcher.BookmarkResourceVersion().Should().Be(api.ResourceVersion);

        api.Pods.Create(Objects.Pod("default", "p"));

        watcher.BookmarkResourceVersion().Should().BeNull();
        watcher.TryReadRaw(out _).Should().BeTrue();
        watcher.BookmarkResourceVersion().Should().Be(api.ResourceVersion);
    }

    [Fact]
    public void Paging_is_stable_under_concurrent_writes()
    {
        var (store, api) = NewCluster();
        for (var i = 0; i < 10; i++)
        {
            api.Pods.Create(Objects.Pod("default", $"p{i}"));
        }

        var type = api.Pods.Type;
        var first = store.List(type, "default", new ListQuery { Limit = 4 });
        api.Pods.Create(Objects.Pod("default", "p00"));
        api.Pods.Delete("default", "p9", new V1DeleteOptions { GracePeriodSeconds = 0 });
        var second = store.List(type, "default", new ListQuery { Limit = 4, Continue = first.Continue });
        var third = store.List(type, "default", new ListQuery { Limit = 4, Continue = second.Continue });

        first.RemainingItemCount.Should().Be(6);
        first.Items.Concat(second.Items).Concat(third.Items).Select(o => o.Name).Should()
            .Equal("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9");
        third.Continue.Should().BeNull();
        second.ResourceVersion.Should().Be(first.ResourceVersion);
    }

    [Fact]
    public void Listing_at_a_resource_version_older_than_the_history_is_410()
    {
        var (store, api) = NewCluster(history: 3);
        for (var i = 0; i < 6; i++)
        {
            api.Pods.Create(Objects.Pod("default", $"p{i}"));
        }

        var error = Objects.Fails(() => store.List(api.Pods.Type, null, new ListQuery { ResourceVersion = 1 }));

        error.Code.Should().Be(410);
    }

    [Fact]
    public async Task In_process_watch_stream_yields_parsed_private_objects()
    {
        var (_, api) = NewCluster();
        api.Pods.Create(Objects.Pod("default", "p"));
        using var cts = new CancellationTokenSource(Deadlines.StoreChange);

        await foreach (var e in api.Pods.WatchAsync(ct: cts.Token))
        {
            e.Object["metadata"]!["name"] = "changed";
            api.Pods.Get("default", "p").Name().Should().Be("p");
            e.Type.Should().Be(WatchEventType.Added);
            break;
        }
    }
}
