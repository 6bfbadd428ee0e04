using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Tests;

/// <summary>Seed scenario 1: the environment is as the other scenarios expect (checked once by the cluster fixture).</summary>
[Scenario(nameof(PreValidation), Order = ScenarioAttribute.RunFirst)]
[Collection(ClusterFixture.CollectionName)]
public sealed class PreValidation(ClusterFixture cluster, ScenarioContext<ValidationState> context, ITestOutputHelper output)
    : IClassFixture<ScenarioContext<ValidationState>>
{
    private readonly Narrator _narrator = new(output);

    private ScenarioResult Result => context.State.ResultIn(cluster, nameof(PreValidation));

    [Step(1, "Check Ray worker pod count")]
    public void Check_worker_pod_count() => Require($"{cluster.Settings.Target.Workers.Name}_pods");

    [Step(2, "Check Ray head pod count")]
    public void Check_head_pod_count() => Require($"{cluster.Settings.Target.Head.Name}_pods");

    [Step(3, "Check Redis pod count")]
    public void Check_redis_pod_count() => Require($"{cluster.Settings.Target.Redis.Name}_pods");

    [Step(4, "Verify PDBs exist with the expected minAvailable")]
    public void Verify_pdbs() => Require("pdbs");

    [Step(5, "Verify the load balancer is provisioned and answers")]
    public void Verify_load_balancer() => Require("nlb");

    [Step(6, "Verify worker pods are on different nodes")]
    public void Verify_distribution() => Require("distribution");

    [Step(7, "Execute a baseline inference request")]
    public void Execute_baseline_inference() => Require("baseline");

    private void Require(string key)
    {
        var result = Result; // the scenario's heading first, then what it found
        var check = cluster.PreValidation[key];
        _narrator.By(check is null ? $"{key}: not checked" : $"{(check.Passed ? "✓" : "✗")} {check.Description}: {check.Actual}");
        ValidationSteps.Require(result, check, key);
    }
}
