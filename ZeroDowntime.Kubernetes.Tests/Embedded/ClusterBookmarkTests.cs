using System.Globalization;
using FluentAssertions;
using k8s;
using k8s.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;

namespace ZeroDowntime.Kubernetes.Tests.Embedded;

/// <summary>KubeWatch and the embedded cluster's real BOOKMARK events.</summary>
public sealed class ClusterBookmarkTests(BookmarkingCluster cluster) : IClassFixture<BookmarkingCluster>
{
    [Fact]
    public async Task Bookmarks_are_delivered_when_asked_for_and_carry_the_current_version()
    {
        using var kube = cluster.CreateClient();
        var ns = await cluster.NewNamespaceAsync(kube);
        var held = await kube.ListAllAsync(KubeResources.Pods, ns);
        await using var watch = WatchReader.Start(ct => kube.WatchFromListAsync(KubeResources.Pods, held, ns, new WatchOptions { IncludeBookmarks = true }, ct));

        var bookmark = (await watch.TakeAsync(1)).Single();

        bookmark.Type.Should().Be(WatchEventType.Bookmark);
        long.Parse(bookmark.Object.Metadata.ResourceVersion, CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(long.Parse(held.ResourceVersion!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_bookmark_moves_the_version_the_watch_resumes_from()
    {
        using var kube = cluster.CreateClient();
        var ns = await cluster.NewNamespaceAsync(kube);
        var held = await kube.ListAllAsync(KubeResources.Pods, ns);

        // A change the pod watch does not see: only a bookmark can tell it the store moved on.
        var other = await kube.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "elsewhere" } }, ns);
        var log = new TestLog();
        await using var watch = WatchReader.Start(ct => kube.WatchFromListAsync(KubeResources.Pods, held, ns,
            new WatchOptions { TimeoutSeconds = 1, IncludeBookmarks = true, Log = log.Add }, ct));

        var bookmark = (await watch.TakeAsync(1)).Single();
        var resumed = await log.WaitForAsync(l => l.StartsWith($"WATCH pods in {ns}: stream closed", StringComparison.Ordinal), "after the first timeoutSeconds close");

        bookmark.Object.Metadata.ResourceVersion.Should().Be(other.Metadata.ResourceVersion);
        resumed.First().Should().Be($"WATCH pods in {ns}: stream closed; resuming from resourceVersion {other.Metadata.ResourceVersion}",
            "without the bookmark it would resume from the list's version {0}", held.ResourceVersion);
    }

    [Fact]
    public async Task Bookmarks_are_not_delivered_unless_asked_for()
    {
        using var kube = cluster.CreateClient();
        var ns = await cluster.NewNamespaceAsync(kube);
        var held = await kube.ListAllAsync(KubeResources.Pods, ns);
        var log = new TestLog();
        await using var watch = WatchReader.Start(ct => kube.WatchFromListAsync(KubeResources.Pods, held, ns, new WatchOptions { TimeoutSeconds = 1, Log = log.Add }, ct));

        // Several bookmark intervals pass within the one-second stream; then a real change arrives first.
        await log.WaitForAsync(l => l.StartsWith($"WATCH pods in {ns}: stream closed", StringComparison.Ordinal), "after the first timeoutSeconds close");
        await kube.CoreV1.CreateNamespacedPodAsync(Objects.RunnablePod("a"), ns);

        (await watch.TakeAsync(1)).Single().Type.Should().Be(WatchEventType.Added);
    }
}
