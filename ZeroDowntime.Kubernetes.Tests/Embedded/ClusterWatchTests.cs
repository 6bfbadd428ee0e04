using FluentAssertions;
using k8s;
using k8s.Models;
using ZeroDowntime.Kubernetes.Tests.Fakes;
using static ZeroDowntime.Kubernetes.Tests.Fakes.Objects;

namespace ZeroDowntime.Kubernetes.Tests.Embedded;

/// <summary>KubeWatch against the embedded cluster: real selectors, a real timeoutSeconds close, a real 410 after the watch window.</summary>
public sealed class ClusterWatchTests(ShortHistoryCluster cluster) : IClassFixture<ShortHistoryCluster>
{
    private static readonly V1DeleteOptions Now = new() { GracePeriodSeconds = 0 };

    private static string Describe(KubeWatchEvent<V1Pod> e) => WatchReader<V1Pod>.DescribeWithoutVersion(e);

    private static V1Patch Labels(string app) => new($"{{\"metadata\":{{\"labels\":{{\"app\":\"{app}\"}}}}}}", V1Patch.PatchType.MergePatch);

    private static Dictionary<string, string> App(string app) => new() { ["app"] = app };

    [Fact]
    public async Task ListAndWatch_yields_the_initial_list_then_live_changes_within_the_label_selector()
    {
        using var kube = cluster.CreateClient();
        var ns = await cluster.NewNamespaceAsync(kube);
        await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("a", App("web")), ns);
        await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("b", App("db")), ns);
        await using var watch = WatchReader.Start(ct => kube.ListAndWatchAsync(KubeResources.Pods, ns, new WatchOptions { LabelSelector = "app=web" }, ct));

        (await watch.TakeAsync(1)).Select(Describe).Should().Equal("InitialList:Added:a");
        await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("c", App("web")), ns);
        (await watch.TakeAsync(1)).Select(Describe).Should().Equal("Watch:Added:c");
        await kube.CoreV1.PatchNamespacedPodAsync(Labels("db"), "a", ns);
        (await watch.TakeAsync(1)).Select(Describe).Should().Equal(["Watch:Deleted:a"], "a pod that stops matching the selector leaves the watch");
        await kube.CoreV1.PatchNamespacedPodAsync(Labels("web"), "b", ns);
        (await watch.TakeAsync(1)).Select(Describe).Should().Equal(["Watch:Added:b"], "a pod that starts matching enters it");
    }

    [Fact]
    public async Task A_field_selector_reaches_the_server()
    {
        using var kube = cluster.CreateClient();
        var ns = await cluster.NewNamespaceAsync(kube);
        await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("a"), ns);
        await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("b"), ns);
        await using var watch = WatchReader.Start(ct => kube.ListAndWatchAsync(KubeResources.Pods, ns, new WatchOptions { FieldSelector = "metadata.name=b" }, ct));

        (await watch.TakeAsync(1)).Select(Describe).Should().Equal("InitialList:Added:b");
        await kube.CoreV1.PatchNamespacedPodAsync(Labels("db"), "a", ns);
        await kube.CoreV1.PatchNamespacedPodAsync(Labels("db"), "b", ns);

        (await watch.TakeAsync(1)).Select(Describe).Should().Equal("Watch:Modified:b");
    }

    [Fact]
    public async Task After_the_servers_timeoutSeconds_close_the_watch_resumes_from_the_last_version_without_repeats()
    {
        using var kube = cluster.CreateClient();
        var ns = await cluster.NewNamespaceAsync(kube);
        var log = new TestLog();
        await using var watch = WatchReader.Start(ct => kube.ListAndWatchAsync(KubeResources.Pods, ns, new WatchOptions { TimeoutSeconds = 1, Log = log.Add }, ct));
        await log.WaitForAsync(l => l.StartsWith($"WATCH pods in {ns}: stream closed", StringComparison.Ordinal), "for the first timeoutSeconds close");

        var a = await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("a"), ns);
        (await watch.TakeAsync(1)).Select(Describe).Should().Equal("Watch:Added:a");
        await log.WaitForAsync(l => l == $"WATCH pods in {ns}: stream closed; resuming from resourceVersion {a.Metadata.ResourceVersion}", "after a's event");
        await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("b"), ns);

        (await watch.TakeAsync(1)).Select(Describe).Should().Equal("Watch:Added:b");
        watch.Taken.Should().HaveCount(2, "a was not reported again after the re-watch");
    }

    [Fact]
    public async Task A_quiet_watch_survives_timeoutSeconds_closes_without_events()
    {
        using var kube = cluster.CreateClient();
        var ns = await cluster.NewNamespaceAsync(kube);
        var log = new TestLog();
        var options = new WatchOptions { TimeoutSeconds = 1, MaxConsecutiveFailures = 1, InitialBackoff = TimeSpan.FromMilliseconds(10), Log = log.Add };
        await using var watch = WatchReader.Start(ct => kube.ListAndWatchAsync(KubeResources.Pods, ns, options, ct));

        await log.WaitForAsync(l => l.Contains("stream closed", StringComparison.Ordinal), "for two empty timeoutSeconds closes", count: 2, deadline: TimeSpan.FromSeconds(15));
        await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("late"), ns);

        (await watch.TakeAsync(1)).Select(Describe).Should().Equal("Watch:Added:late");
        log.Lines.Should().NotContain(l => l.Contains("broke", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_version_pushed_out_of_the_watch_window_gets_a_real_410_and_the_relist_diff()
    {
        using var kube = cluster.CreateClient();
        var ns = await cluster.NewNamespaceAsync(kube);
        foreach (var name in new[] { "changed", "gone", "kept" })
        {
            await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod(name), ns);
        }

        var held = await kube.ListAllAsync(KubeResources.Pods, ns);
        await kube.CoreV1.PatchNamespacedPodAsync(Labels("db"), "changed", ns);
        await kube.CoreV1.DeleteNamespacedPodAsync("gone", ns, Now);
        await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("new"), ns);
        for (var i = 0; i < ShortHistoryCluster.HistorySize; i++)
        {
            await kube.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"filler-{i}" } }, ns);
        }

        var log = new TestLog();
        await using var watch = WatchReader.Start(ct => kube.WatchFromListAsync(KubeResources.Pods, held, ns, new WatchOptions { Log = log.Add }, ct));

        (await watch.TakeAsync(3)).Select(Describe).Should().Equal("Relist:Modified:changed", "Relist:Added:new", "Relist:Deleted:gone");
        log.Lines.Should().Contain($"WATCH pods in {ns}: resourceVersion {held.ResourceVersion} expired (410 Gone); relisting");
        await kube.CoreV1.CreateNamespacedPodAsync(RunnablePod("later"), ns);
        (await watch.TakeAsync(1)).Select(Describe).Should().Equal("Watch:Added:later");
    }
}
