using k8s;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Disruptions;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Xunit;
using ZeroDowntime.Kubernetes;

namespace ZeroDowntime.Tests;

/// <summary>Seed cleanup and validation: the target ends as it started, nothing of the run is left behind.</summary>
[Scenario(nameof(PostValidation), Order = ScenarioAttribute.RunLast)]
[Collection(ClusterFixture.CollectionName)]
public sealed class PostValidation(ClusterFixture cluster, ScenarioContext<ValidationState> context, ITestOutputHelper output)
    : IClassFixture<ScenarioContext<ValidationState>>
{
    private readonly Narrator _narrator = new(output);

    private ScenarioResult Result => context.State.ResultIn(cluster, nameof(PostValidation));

    [Step(1, "Verify exactly the expected worker pods are Ready")]
    public Task Verify_worker_pods() => RequireAsync(cluster.Validator.RoleCountAsync(cluster.Settings.Target.Workers));

    [Step(2, "Verify exactly the expected head pod is Ready")]
    public Task Verify_head_pod() => RequireAsync(cluster.Validator.RoleCountAsync(cluster.Settings.Target.Head));

    [Step(3, "Verify exactly the expected Redis pods are Ready")]
    public Task Verify_redis_pods() => RequireAsync(cluster.Validator.RoleCountAsync(cluster.Settings.Target.Redis));

    [Step(4, "Execute inference requests and verify every one succeeds")]
    public Task Execute_inference_requests() => RequireAsync(cluster.Validator.InferenceRequestsAsync());

    [Step(5, "Uncordon any node this run cordoned")]
    public async Task Uncordon_cordoned_nodes()
    {
        var nodes = (await cluster.Client.ListAllAsync(KubeResources.Nodes).DescribeFailure()).Items
            .Where(n => n.Metadata.Annotations?.TryGetValue(SuiteLabels.CordonedBy, out var run) == true && run == cluster.RunId)
            .Select(n => n.Metadata.Name)
            .ToList();
        foreach (var node in nodes)
        {
            _narrator.By($"Uncordoning node {node}");
            await NodeCordoner.UncordonNodeAsync(cluster.Client, node);
        }

        var still = (await cluster.Client.ListAllAsync(KubeResources.Nodes).DescribeFailure()).Items
            .Where(n => n.Metadata.Annotations?.ContainsKey(SuiteLabels.CordonedBy) == true && n.Spec?.Unschedulable == true)
            .Select(n => n.Metadata.Name)
            .ToList();
        ScenarioCheck.Require(Result,
            new CheckResult("uncordoned", "No node left cordoned by the suite", still.Count == 0, "none", still.Count == 0 ? "none" : string.Join(", ", still)),
            $"Expected no node left cordoned by the suite, but {string.Join(", ", still)} still is.");
    }

    [Step(6, "Remove the run's load Jobs and ConfigMaps")]
    public async Task Remove_load_jobs_and_config_maps()
    {
        var kube = cluster.Client;
        var thisRun = $"{SuiteLabels.Run}={cluster.RunId}";
        foreach (var job in (await kube.ListAllAsync(KubeResources.Jobs, cluster.Namespace, thisRun).DescribeFailure()).Items)
        {
            // Background, as kubectl does: the Job's pods go with it.
            await kube.BatchV1.DeleteNamespacedJobAsync(job.Metadata.Name, cluster.Namespace, propagationPolicy: "Background").DescribeFailure();
        }

        foreach (var map in (await kube.ListAllAsync(KubeResources.ConfigMaps, cluster.Namespace, thisRun).DescribeFailure()).Items)
        {
            await kube.CoreV1.DeleteNamespacedConfigMapAsync(map.Metadata.Name, cluster.Namespace).DescribeFailure();
        }

        var left = (await kube.ListAllAsync(KubeResources.Jobs, cluster.Namespace, thisRun).DescribeFailure()).Items.Count(j => j.Metadata.DeletionTimestamp is null)
                   + (await kube.ListAllAsync(KubeResources.ConfigMaps, cluster.Namespace, thisRun).DescribeFailure()).Items.Count;
        ScenarioCheck.Require(Result,
            new CheckResult("load_artifacts_removed", "The run's Jobs and ConfigMaps removed", left == 0, "0", $"{left}"),
            $"Expected none of the run's Jobs and ConfigMaps left, but {left} remain.");
    }

    [Step(7, "Remove the run's NetworkPolicies")]
    public async Task Remove_network_policies()
    {
        var kube = cluster.Client;
        var thisRun = $"{SuiteLabels.Run}={cluster.RunId}";
        foreach (var policy in (await kube.ListAllAsync(KubeResources.NetworkPolicies, cluster.Namespace, thisRun).DescribeFailure()).Items)
        {
            _narrator.By($"Deleting NetworkPolicy {policy.Metadata.Name}, still in force");
            await kube.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(policy.Metadata.Name, cluster.Namespace).DescribeFailure();
        }

        var left = (await kube.ListAllAsync(KubeResources.NetworkPolicies, cluster.Namespace, thisRun).DescribeFailure()).Items.Select(p => p.Metadata.Name).ToList();
        ScenarioCheck.Require(Result,
            new CheckResult("network_policies_removed", "The run's NetworkPolicies removed", left.Count == 0, "none", left.Count == 0 ? "none" : string.Join(", ", left)),
            $"Expected none of the run's NetworkPolicies left (a partition still in force), but {string.Join(", ", left)} remain.");
    }

    private async Task RequireAsync(Task<CheckResult> pending)
    {
        _ = Result; // the scenario's heading first, then what it found
        var check = await pending;
        _narrator.By($"{(check.Passed ? "✓" : "✗")} {check.Description}: {check.Actual}");
        ValidationSteps.Require(Result, check, check.Key);
    }
}
