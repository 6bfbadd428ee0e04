using FluentAssertions;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Tests.Controllers.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Controllers;

public sealed class KubectlControllerTests
{
    private static async Task<TestCluster> SampleTargetAsync(TimeSpan? readyDelay = null)
    {
        var cluster = await TestCluster.StartAsync(readyDelay: readyDelay);
        await cluster.Host.ApplyManifestsAsync(Path.Combine(StatefulSetIntegrationTests.RepoRoot(), "manifests", "sample-target"));
        await cluster.Host.WaitUntilReadyAsync(Timeouts.WorkloadReady);
        return cluster;
    }

    [KubectlFact]
    public async Task Two_concurrent_drains_of_worker_nodes_hit_the_budget_and_both_finish()
    {
        // Replacements take 3 s to become Ready (as real pods take time), so the second drain meets a spent budget.
        await using var cluster = await SampleTargetAsync(readyDelay: TimeSpan.FromSeconds(3));
        using var kubectl = await Kubectl.ForAsync(cluster.Host);
        var nodes = cluster.Api.Pods.List("default", "ray.io/node-type=worker").Select(p => p.GetString("spec", "nodeName")!).Order().Take(2).ToList();

        var drains = nodes.Select(node => kubectl.RunAsync(Timeouts.Kubectl, "drain", node, "--pod-selector=ray.io/node-type=worker",
            "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=80s")).ToList();
        var results = await Task.WhenAll(drains);

        results.Should().OnlyContain(r => r.ExitCode == 0, string.Join("\n---\n", results.Select(r => r.Output)));
        string.Concat(results.Select(r => r.Output)).Should().Contain("Cannot evict pod as it would violate the pod's disruption budget");
        cluster.Api.Nodes.Get(null, nodes[0]).GetBool("spec", "unschedulable").Should().BeTrue();
        cluster.Api.Pods.List("default", "ray.io/node-type=worker").Should().NotContain(p => nodes.Contains(p.GetString("spec", "nodeName")!));
    }

    [KubectlFact]
    public async Task Set_image_then_rollout_status_completes()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var kubectl = await Kubectl.ForAsync(cluster.Host);
        cluster.CreateDeployment("x", 3);
        await Eventually.HoldsAsync(cluster.Api, "3 Ready x pods", () => cluster.ReadyPods("x").Count == 3, Timeouts.WorkloadReady, cluster.DescribePods);

        var set = await kubectl.RunAsync(Timeouts.Kubectl, "set", "image", "deploy/x", "c=img:2");
        var rollout = await kubectl.RunAsync(Timeouts.Kubectl, "rollout", "status", "deploy/x", "--timeout=60s");

        set.ExitCode.Should().Be(0, set.Output);
        rollout.ExitCode.Should().Be(0, rollout.Output);
        rollout.Output.Should().Contain("deployment \"x\" successfully rolled out");
        cluster.ReadyPods("x").Should().HaveCount(3).And.OnlyContain(p => p["spec"]!["containers"]![0]!["image"]!.GetValue<string>() == "img:2");
    }

    [KubectlFact]
    public async Task Rollout_status_of_the_redis_statefulset_completes()
    {
        await using var cluster = await SampleTargetAsync();
        using var kubectl = await Kubectl.ForAsync(cluster.Host);

        var rollout = await kubectl.RunAsync(Timeouts.Kubectl, "rollout", "status", "statefulset/redis", "--timeout=60s");

        rollout.ExitCode.Should().Be(0, rollout.Output);
        rollout.Output.Should().Contain("roll out complete: 3 new pods have been updated");
    }

    [KubectlFact]
    public async Task Scale_to_five_leads_to_five_ready_pods()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var kubectl = await Kubectl.ForAsync(cluster.Host);
        cluster.CreateDeployment("x", 2);

        var scale = await kubectl.RunAsync(Timeouts.Kubectl, "scale", "deploy/x", "--replicas=5");

        scale.ExitCode.Should().Be(0, scale.Output);
        await Eventually.HoldsAsync(cluster.Api, "5 Ready x pods", () => cluster.ReadyPods("x").Count == 5, Timeouts.WorkloadReady, cluster.DescribePods);
    }

    [KubectlFact]
    public async Task Get_pdb_shows_allowed_disruptions()
    {
        await using var cluster = await SampleTargetAsync();
        using var kubectl = await Kubectl.ForAsync(cluster.Host);

        var get = await kubectl.RunAsync(Timeouts.Kubectl, "get", "pdb");

        get.ExitCode.Should().Be(0, get.Output);
        var lines = get.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().MatchRegex(@"^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE");
        lines.Should().Contain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^ray-worker-pdb\s+2\s+N/A\s+1\s+"));
        lines.Should().Contain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^ray-head-pdb\s+1\s+N/A\s+0\s+"));
    }
}
