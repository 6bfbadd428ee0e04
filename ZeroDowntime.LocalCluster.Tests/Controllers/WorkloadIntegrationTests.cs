using System.Text.Json.Nodes;
using FluentAssertions;
using k8s;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Patching;
using ZeroDowntime.LocalCluster.Storage;
using ZeroDowntime.LocalCluster.Tests.Controllers.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Controllers;

public sealed class WorkloadIntegrationTests
{
    [Fact]
    public async Task Deployment_creates_three_ready_pods_owned_by_its_replica_set()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.CreateDeployment("web", 3);

        await Eventually.HoldsAsync(cluster.Api, "3 Ready web pods and a complete rollout",
            () => cluster.ReadyPods("web").Count == 3 && cluster.Api.Deployments.Get("default", "web").GetInt64("status", "availableReplicas") == 3,
            Timeouts.WorkloadReady, cluster.DescribePods);

        var rs = cluster.Api.ReplicaSets.List("default").Single();
        rs.Name().Should().MatchRegex("^web-[bcdfghjklmnpqrstvwxz2456789]+$");
        cluster.ReadyPods("web").Should().OnlyContain(p => p["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>() == rs.Uid()
            && p["metadata"]!["ownerReferences"]![0]!["controller"]!.GetValue<bool>());
        var deployment = cluster.Api.Deployments.Get("default", "web");
        deployment.GetString("metadata", "annotations", "deployment.kubernetes.io/revision").Should().Be("1");
        deployment.GetInt64("status", "observedGeneration").Should().Be(deployment.GetInt64("metadata", "generation"));
        deployment.Condition("Available")!.GetString("status").Should().Be("True");
        deployment.Condition("Progressing")!.GetString("reason").Should().Be("NewReplicaSetAvailable");
    }

    [Fact]
    public async Task A_deleted_pod_is_replaced()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.CreateDeployment("web", 3);
        await Eventually.HoldsAsync(cluster.Api, "3 Ready web pods", () => cluster.ReadyPods("web").Count == 3, Timeouts.WorkloadReady, cluster.DescribePods);
        var victim = cluster.ReadyPods("web")[0];

        cluster.Api.Pods.Delete("default", victim.Name());

        await Eventually.HoldsAsync(cluster.Api, "a replacement pod, Ready, with the victim gone",
            () => cluster.ReadyPods("web").Count == 3 && cluster.Api.Pods.TryGet("default", victim.Name()) is null,
            Timeouts.WorkloadReady, cluster.DescribePods);
        cluster.ReadyPods("web").Select(p => p.Uid()).Should().NotContain(victim.Uid());
    }

    [Fact]
    public async Task Rolling_update_replaces_every_pod_and_becomes_revision_two()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.CreateDeployment("web", 3);
        await Eventually.HoldsAsync(cluster.Api, "3 Ready web pods", () => cluster.ReadyPods("web").Count == 3, Timeouts.WorkloadReady, cluster.DescribePods);
        var before = cluster.ReadyPods("web").Select(p => p.Uid()).ToHashSet();

        cluster.Api.Deployments.Patch("default", "web", V1Patch.PatchType.StrategicMergePatch,
            JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}}}""")!);

        await Eventually.HoldsAsync(cluster.Api, "the rollout to finish with 3 new Ready pods", () =>
        {
            var d = cluster.Api.Deployments.Get("default", "web");
            return d.GetInt64("status", "observedGeneration") == d.GetInt64("metadata", "generation") && d.GetInt64("status", "updatedReplicas") == 3 && d.GetInt64("status", "availableReplicas") == 3 && d.GetInt64("status", "replicas") == 3
                && cluster.Api.Pods.List("default", "app=web").Count == 3;
        }, Timeouts.WorkloadReady, cluster.DescribePods);
        cluster.ReadyPods("web").Should().OnlyContain(p => !before.Contains(p.Uid()));
        cluster.ReadyPods("web").Should().OnlyContain(p => p["spec"]!["containers"]![0]!["image"]!.GetValue<string>() == "nginx:2");
        cluster.Api.Deployments.Get("default", "web").GetString("metadata", "annotations", "deployment.kubernetes.io/revision").Should().Be("2");
        cluster.Api.ReplicaSets.List("default").Select(r => r.GetInt64("spec", "replicas")).Order().Should().Equal(0, 3);
    }

    [Fact]
    public async Task Recreate_stops_every_old_pod_before_starting_a_new_one()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.CreateDeployment("head", 2, extraSpec: "\"strategy\": { \"type\": \"Recreate\" },");
        await Eventually.HoldsAsync(cluster.Api, "2 Ready head pods", () => cluster.ReadyPods("head").Count == 2, Timeouts.WorkloadReady, cluster.DescribePods);
        var oldHash = cluster.ReadyPods("head")[0].GetString("metadata", "labels", "pod-template-hash");
        using var watcher = cluster.Api.Pods.Watch("default", "app=head", resourceVersion: cluster.Api.ResourceVersion);

        cluster.Api.Deployments.Patch("default", "head", V1Patch.PatchType.StrategicMergePatch,
            JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}}}""")!);
        await Eventually.HoldsAsync(cluster.Api, "2 new Ready head pods",
            () => cluster.ReadyPods("head").Count(p => p.GetString("metadata", "labels", "pod-template-hash") != oldHash) == 2,
            Timeouts.WorkloadReady, cluster.DescribePods);

        var live = new HashSet<string>();
        while (watcher.TryReadRaw(out var e))
        {
            if (!watcher.TryTranslate(e, out var frame))
            {
                continue;
            }

            var hash = frame.Object.Labels.GetValueOrDefault("pod-template-hash");
            if (frame.Type == WatchEventType.Added && hash != oldHash)
            {
                live.Where(k => k.StartsWith(oldHash + "/", StringComparison.Ordinal)).Should().BeEmpty("no old pod may exist when a new one is created");
            }

            if (frame.Type == WatchEventType.Deleted)
            {
                live.Remove($"{hash}/{frame.Object.Name}");
            }
            else
            {
                live.Add($"{hash}/{frame.Object.Name}");
            }
        }
    }

    [Fact]
    public async Task A_pod_no_node_accepts_stays_pending_with_the_schedulers_reason()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.CreateDeployment("spread", 5, extraPodSpec: """
            "affinity": { "podAntiAffinity": { "requiredDuringSchedulingIgnoredDuringExecution": [
              { "topologyKey": "kubernetes.io/hostname", "labelSelector": { "matchLabels": { "app": "spread" } } } ] } },
            """);

        var pending = await Eventually.ReturnsAsync(cluster.Api, "a Pending pod marked Unschedulable",
            () => cluster.Api.Pods.List("default", "app=spread").FirstOrDefault(p =>
                p.Condition("PodScheduled")?.GetString("reason") == "Unschedulable"),
            Timeouts.WorkloadReady, cluster.DescribePods);

        pending.GetString("status", "phase").Should().Be("Pending");
        pending.Condition("PodScheduled")!.GetString("message").Should().Be("0/4 nodes are available: 4 node(s) didn't match pod anti-affinity rules.");
        cluster.Api.Events.List("default").Should().Contain(e => e.GetString("reason") == "FailedScheduling"
            && e.GetString("involvedObject", "name") == pending.Name());
    }

    [Fact]
    public async Task A_pod_with_an_unknown_image_stays_pending_with_an_event_naming_the_image()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.CreateDeployment("odd", 1, image: "quay.io/unknown/thing:1");

        var warning = await Eventually.ReturnsAsync(cluster.Api, "a Failed warning event",
            () => cluster.Api.Events.List("default").FirstOrDefault(e => e.GetString("reason") == "Failed"), Timeouts.Reaction, cluster.DescribePods);

        warning.GetString("type").Should().Be("Warning");
        warning.GetString("message").Should().StartWith("Error: ErrImageNeverPull: the local cluster cannot run image \"quay.io/unknown/thing:1\"");
        var pod = cluster.Api.Pods.List("default", "app=odd").Single();
        pod.GetString("status", "phase").Should().Be("Pending");
        pod["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!["reason"]!.GetValue<string>().Should().Be("ErrImageNeverPull");
    }
}
