using k8s;
using FluentAssertions.Execution;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Chaos;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Tests;

/// <summary>
/// Seed 004, network partition: a NetworkPolicy cuts a component off under load; the suite proves the cut
/// took effect, holds it, removes it, and measures how new and open connections recover, whether the
/// isolated side reconnects, and whether the system's view is consistent again.
/// </summary>
[Scenario(nameof(NetworkPartition), Order = 80)]
[Collection(ClusterFixture.CollectionName)]
public sealed class NetworkPartition(ClusterFixture cluster, ScenarioContext<NetworkPartitionState> context, ITestOutputHelper output)
    : IClassFixture<ScenarioContext<NetworkPartitionState>>
{
    private readonly Narrator _narrator = new(output);

    private NetworkPartitionState State => context.State;

    private NetworkPartitionTiming Timing => cluster.Settings.Timing.NetworkPartition;

    private string Limit => $"{Timing.RecoveryWithin.TotalSeconds:0} s";

    [Step(1, "Start load generator")]
    public async Task Start_load_generator()
    {
        var plan = PartitionPlan.For(cluster.Settings);
        cluster.Gate.EnsureOpen($"create a NetworkPolicy that will {plan.Label}");
        State.Run = await DisruptionRun.StartAsync(cluster, nameof(NetworkPartition), _narrator.By);
        State.Partition = PartitionRun.Start(State.Run, cluster);
        _narrator.By($"Second probe on {PartitionRun.Describe(State.Partition.SecondMode)}");
    }

    [Step(2, "Wait for baseline metrics")]
    public async Task Wait_for_baseline_metrics()
    {
        var run = State.RequireRun();
        await run.WaitBaselineAsync();

        // A cut is proven by the head losing the workers, so they must be ALIVE on it first (a fresh worker registers with its first heartbeat).
        var (ready, last) = await new RayClusterObserver(cluster.Client, cluster.Namespace, cluster.Settings).WaitUntilAsync(s => s.IsOperational, Timing.RecoveryWithin);
        ScenarioCheck.Require(run.Result,
            new CheckResult("ray_operational_before", "Ray cluster operational before the partition", ready is not null, "operational", last.ToString()),
            $"Expected the Ray cluster operational before the partition (head Ready, every worker ALIVE) within {Limit}, but {last}.");
    }

    [Step(3, "Create the partition")]
    public async Task Create_the_partition()
    {
        var partition = State.RequirePartition();
        _narrator.By($"Creating NetworkPolicy {partition.PolicyName}: {partition.Plan.Label}, both directions, for {Timing.Duration.TotalSeconds:0} s");
        await partition.CreateAsync();
        State.DisruptedAt = partition.StartedAt;
        State.RequireRun().Result.Details.Set("partition", "Partition", $"{partition.Plan.Label} (NetworkPolicy {partition.PolicyName}, labelled with the run id)");
    }

    [Step(4, "Prove the partition took effect")]
    public async Task Prove_the_partition_took_effect()
    {
        var partition = State.RequirePartition();
        var proof = await partition.ProveAsync();
        var since = partition.StartedAt!.Value;
        var actual = proof is null
            ? $"no effect within {Timing.Duration.TotalSeconds:0} s; last look: {partition.LastLook?.Summary ?? "none"}"
            : PartitionRun.Describe(proof, since, "the policy");
        _narrator.By($"Proof of effect: {actual}");
        State.RequireRun().Result.Details.Set("proof", "Proof of effect", actual);
        ScenarioCheck.Require(State.RequireRun().Result,
            new CheckResult("partition_effect", "The partition took effect", proof is not null, partition.Evidence.CutExpectation, actual),
            $"the partition had no effect: is NetworkPolicy enforced? Expected {partition.Evidence.CutExpectation} within {Timing.Duration.TotalSeconds:0} s of the policy, but {actual}.");
    }

    [Step(5, "Hold the partition")]
    public Task Hold_the_partition()
    {
        _narrator.By($"Holding the partition until {Timing.Duration.TotalSeconds:0} s have passed");
        return State.RequirePartition().HoldAsync();
    }

    [Step(6, "Remove the partition")]
    public async Task Remove_the_partition()
    {
        var partition = State.RequirePartition();
        await partition.RemoveAsync();
        State.RequireRun().Result.Details.Set("window", "Partition window", partition.Window());
        _narrator.By($"Partition removed: {partition.Window()}");
    }

    [Step(7, "Verify the isolated side reconnects")]
    public async Task Verify_the_isolated_side_reconnects()
    {
        var partition = State.RequirePartition();
        var back = await partition.WaitReconnectedAsync();
        var actual = back is null
            ? $"not within {Limit}; last look: {partition.LastLook?.Summary ?? "none"}"
            : PartitionRun.Describe(back, partition.RemovedAt!.Value, "the removal");
        _narrator.By($"Reconnected: {actual}");
        State.RequireRun().Result.Details.Set("reconnection", "Reconnection", actual);
        ScenarioCheck.Require(State.RequireRun().Result,
            new CheckResult("reconnected", $"Reconnected within {Limit} of the removal", back is not null, partition.Evidence.RestoredExpectation, actual),
            $"Expected {partition.Evidence.RestoredExpectation} within {Limit} of the partition's removal, but it was {actual}.");
    }

    [Step(8, "Verify the system is consistent")]
    public async Task Verify_the_system_is_consistent()
    {
        var state = await new RayClusterObserver(cluster.Client, cluster.Namespace, cluster.Settings).ObserveAsync();
        var ready = (await cluster.Inventory.ReadyPodsAsync(cluster.Settings.Target.Workers)).Select(p => p.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        var alive = state.Nodes?.Where(n => !n.IsHeadNode && n.IsAlive).Select(n => n.NodeName ?? "").ToHashSet(StringComparer.Ordinal) ?? [];
        var consistent = state.Nodes is not null && alive.SetEquals(ready);
        var actual = state.Nodes is null ? state.Problem ?? "the head's node list could not be read"
            : consistent ? $"head {state.HeadPod} lists exactly the {ready.Count} Ready {cluster.Settings.Target.Workers.Name} pods ALIVE"
            : $"head {state.HeadPod} lists ALIVE [{string.Join(", ", alive.Order())}] but the Ready pods are [{string.Join(", ", ready.Order())}]";
        State.RequireRun().Result.Details.Set("consistency", "Consistency", actual);
        ScenarioCheck.Require(State.RequireRun().Result,
            new CheckResult("consistent", "The head's view equals the pods", consistent, "ALIVE workers = Ready worker pods", actual),
            $"Expected the head's ALIVE workers to be exactly the Ready {cluster.Settings.Target.Workers.Name} pods after the partition, but {actual}.");
    }

    [Step(9, "Stop load generator")]
    public async Task Stop_load_generator()
    {
        await State.RequirePartition().StopSecondProbeAsync();
        await State.RequireRun().StopAsync();
    }

    [Step(10, "Collect and analyze metrics")]
    public async Task Collect_and_analyze_metrics()
    {
        var run = State.RequireRun();
        var partition = State.RequirePartition();
        await partition.StopSecondProbeAsync();
        await run.StopAsync();
        var (from, to) = (partition.StartedAt!.Value, partition.RemovedAt!.Value);
        var main = TargetRequests.ToConnectionMode(cluster.Settings.Probe.Mode);
        var recoveries = new[]
        {
            ConnectionRecovery.Measure("probe", PartitionRun.Describe(main), run.Result.Timeline.ProbeAttempts, from, to),
            ConnectionRecovery.Measure(partition.SecondSource, PartitionRun.Describe(partition.SecondMode),
                run.Result.Timeline.AdditionalAttempts, from, to),
        }.OrderBy(r => r.Mode, StringComparer.Ordinal).ToList();
        run.Result.Details.Set("connections", "Connections", recoveries.Select(r => r.ToString()).ToList());
        using var scope = new AssertionScope();
        run.Result.Should().HaveSuccessRateAbove(Timing.SuccessRateAbovePercent, "while the partition was in place", from, to);
        foreach (var r in recoveries)
        {
            var key = r.Mode.Replace(' ', '_');
            var passed = r.RecoveredAfter is { } took && took <= Timing.RecoveryWithin;
            ScenarioCheck.Require(run.Result,
                new CheckResult($"recovered_{key}", $"{char.ToUpperInvariant(r.Mode[0])}{r.Mode[1..]} recovered within {Limit} of the removal", passed, $"≤ {Limit}", r.ToString()),
                $"Expected {r.Mode} to succeed again within {Limit} of the partition's removal, but {r}.");
        }

        var left = (await cluster.Client.NetworkingV1.ListNamespacedNetworkPolicyAsync(cluster.Namespace, labelSelector: $"{SuiteLabels.Run}={cluster.RunId}").DescribeFailure()).Items.Count;
        ScenarioCheck.Require(run.Result,
            new CheckResult("policy_removed", "The partition policy is gone", left == 0, "0", $"{left}"),
            $"Expected no NetworkPolicy of this run left after the partition, but {left} remain.");
    }
}
