using System.Diagnostics;
using FluentAssertions;
using k8s;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;
using ZeroDowntime.LocalCluster.Tests.Controllers.Support;
using Xunit;
using Xunit.Abstractions;

namespace ZeroDowntime.LocalCluster.Tests.Controllers;

public sealed class StatefulSetIntegrationTests
{
    private readonly ITestOutputHelper _output;

    public StatefulSetIntegrationTests(ITestOutputHelper output) => _output = output;

    private static void CreateRedis(ClusterApi api) => api.StatefulSets.Create(TestApi.Json("""
        {
          "metadata": { "name": "redis", "namespace": "default" },
          "spec": {
            "replicas": 3, "serviceName": "redis",
            "selector": { "matchLabels": { "app": "redis" } },
            "template": {
              "metadata": { "labels": { "app": "redis" } },
              "spec": { "terminationGracePeriodSeconds": 1, "containers": [ { "name": "redis", "image": "redis:7.2" } ] }
            }
          }
        }
        """));

    private static bool AllReady(TestCluster cluster) =>
        cluster.ReadyPods("redis").Count == 3 && cluster.Api.StatefulSets.Get("default", "redis").GetInt64("status", "readyReplicas") == 3;

    [Fact]
    public async Task Pods_start_in_ordinal_order_each_after_the_previous_is_ready()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var watcher = cluster.Api.Pods.Watch("default", "app=redis", resourceVersion: cluster.Api.ResourceVersion);
        CreateRedis(cluster.Api);
        await Eventually.HoldsAsync(cluster.Api, "redis-0..2 Ready", () => AllReady(cluster), Timeouts.WorkloadReady, cluster.DescribePods);

        var ready = new HashSet<string>();
        var created = new List<string>();
        while (watcher.TryReadRaw(out var e))
        {
            if (!watcher.TryTranslate(e, out var frame))
            {
                continue;
            }

            var pod = frame.Object.ToJsonObject();
            if (frame.Type == WatchEventType.Added)
            {
                var ordinal = int.Parse(frame.Object.Name["redis-".Length..], System.Globalization.CultureInfo.InvariantCulture);
                for (var lower = 0; lower < ordinal; lower++)
                {
                    ready.Should().Contain($"redis-{lower}", $"redis-{ordinal} may only start after redis-{lower} is Ready");
                }

                created.Add(frame.Object.Name);
            }

            if (pod.IsPodReady())
            {
                ready.Add(frame.Object.Name);
            }
        }

        created.Should().Equal("redis-0", "redis-1", "redis-2");
    }

    [Fact]
    public async Task Deleted_redis_1_comes_back_with_the_same_name_and_a_new_uid()
    {
        await using var cluster = await TestCluster.StartAsync();
        CreateRedis(cluster.Api);
        await Eventually.HoldsAsync(cluster.Api, "redis-0..2 Ready", () => AllReady(cluster), Timeouts.WorkloadReady, cluster.DescribePods);
        var oldUid = cluster.Api.Pods.Get("default", "redis-1").Uid();

        cluster.Api.Pods.Delete("default", "redis-1");

        await Eventually.HoldsAsync(cluster.Api, "a new Ready redis-1", () =>
            cluster.Api.Pods.TryGet("default", "redis-1") is { } pod && pod.Uid() != oldUid && pod.IsPodReady(), Timeouts.WorkloadReady, cluster.DescribePods);
        cluster.Api.Pods.Get("default", "redis-1").GetString("spec", "hostname").Should().Be("redis-1");
    }

    [Fact]
    public async Task Template_change_rolls_from_the_highest_ordinal_and_completes_the_revision()
    {
        await using var cluster = await TestCluster.StartAsync();
        CreateRedis(cluster.Api);
        await Eventually.HoldsAsync(cluster.Api, "redis-0..2 Ready", () => AllReady(cluster), Timeouts.WorkloadReady, cluster.DescribePods);
        var firstRevision = cluster.Api.StatefulSets.Get("default", "redis").GetString("status", "updateRevision");
        using var watcher = cluster.Api.Pods.Watch("default", "app=redis", resourceVersion: cluster.Api.ResourceVersion);

        cluster.Api.StatefulSets.Mutate("default", "redis", o => o["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "redis:7.4");

        await Eventually.HoldsAsync(cluster.Api, "updateRevision to become currentRevision", () =>
        {
            var status = cluster.Api.StatefulSets.Get("default", "redis");
            return status.GetString("status", "updateRevision") != firstRevision && status.GetInt64("status", "updatedReplicas") == 3 && status.GetInt64("status", "readyReplicas") == 3
                && status.GetString("status", "currentRevision") == status.GetString("status", "updateRevision");
        }, Timeouts.WorkloadReady, cluster.DescribePods);
        var deletions = new List<string>();
        while (watcher.TryReadRaw(out var e))
        {
            if (watcher.TryTranslate(e, out var frame) && frame.Type == WatchEventType.Deleted)
            {
                deletions.Add(frame.Object.Name);
            }
        }

        deletions.Should().Equal("redis-2", "redis-1", "redis-0");
    }

    [Fact]
    public async Task Sample_target_becomes_ready_with_the_simulated_kubelet()
    {
        await using var cluster = await TestCluster.StartAsync();
        var clock = Stopwatch.StartNew();
        await cluster.Host.ApplyManifestsAsync(Path.Combine(RepoRoot(), "manifests", "sample-target"));

        await cluster.Host.WaitUntilReadyAsync(Timeouts.WorkloadReady);

        _output.WriteLine($"sample target applied to all-Ready in {clock.ElapsedMilliseconds} ms");
        // 1 head, 3 workers, 3 Redis and 3 Sentinels: the simulated kubelet makes every pod Ready.
        cluster.Api.Pods.List("default").Should().HaveCount(10).And.OnlyContain(p => p.IsPodReady());
        cluster.Api.Pods.List("default", "ray.io/node-type=worker").Select(p => p.GetString("spec", "nodeName")).Should().OnlyHaveUniqueItems();
        cluster.Api.PodDisruptionBudgets.Get("default", "ray-worker-pdb").GetInt64("status", "disruptionsAllowed").Should().Be(1);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZeroDowntime.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("ZeroDowntime.sln not found above the test binaries");
    }
}
