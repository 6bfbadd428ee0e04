using System.Text.Json;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Tests;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// Broken variants of the sample target must fail the right scenario for the right reason: a
/// suite that passes them would be blind to exactly what it exists to catch.
/// </summary>
[Collection(SelfTestCollection.Name)]
public sealed class NegativeControlTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Drain_of_packed_workers_without_a_budget_fails_the_budget_proof()
    {
        var outcomes = await NegativeControlRun.RunAsync<NodeDrainState>("no-pdb-packed", output,
            (cluster, context) => new NodeDrain(cluster, context, output));

        var failed = outcomes.Should().ContainSingle(o => !o.Passed).Subject;
        failed.Method.Should().Be(nameof(NodeDrain.Drain_the_node));
        failed.Error!.Message.Should().StartWith("Expected the eviction of a second worker pod (ray-worker-")
            .And.Contain("to be refused with 429 while ray-worker-")
            .And.EndWith("was disrupted, but it was accepted: the budget does not protect the worker pods.");
    }

    [Fact]
    public async Task Deleting_the_only_worker_fails_the_minimum_ready_check()
    {
        var outcomes = await NegativeControlRun.RunAsync<DisruptionState>("single-worker", output,
            (cluster, context) => new SingleWorkerDisruption(cluster, context, output),
            ("ZD_TARGET__WORKERS__EXPECTED_COUNT", "1"), ("ZD_TARGET__WORKERS__MIN_READY_DURING_DISRUPTION", "1"),
            ("ZD_TARGET__WORKERS__PDB_MIN_AVAILABLE", "none"));

        var failed = outcomes.Should().ContainSingle(o => !o.Passed).Subject;
        failed.Method.Should().Be(nameof(SingleWorkerDisruption.Monitor_service_availability));
        failed.Error!.Message.Should().StartWith("Expected at least 1 worker pod Ready throughout, but the minimum was 0, from ");
    }

    [Fact]
    public async Task Workers_that_exit_abruptly_fail_the_success_rate()
    {
        var (outcomes, results) = await NegativeControlRun.RunWithReportsAsync<DisruptionState>("abrupt-exit", output,
            (cluster, context) => new SingleWorkerDisruption(cluster, context, output),
            // 3 s requests at 20/s keep about 60 in flight, a third of them on the pod that is killed.
            ("ZD_TIMING__LOAD__RATE", "20"), ("ZD_TIMING__LOAD__CONCURRENCY", "100"), ("ZD_TIMING__SETTLE_PERIOD", "1s"),
            ("ZD_TIMING__POST_VALIDATION__REQUESTS", "1"));

        var failed = outcomes.Should().ContainSingle(o => !o.Passed).Subject;
        failed.Method.Should().Be(nameof(SingleWorkerDisruption.Collect_and_analyze_metrics));
        failed.Error!.Message.Should().Contain("Expected success rate above 95% during the disruption, but it was ");

        // The report says when and how it failed: the in-flight requests fail when the pod dies, not when they were sent.
        await AbruptExitReport.VerifyAsync(results);
    }

    [Fact]
    public async Task An_hpa_whose_max_equals_its_min_fails_the_scale_up_and_quotes_ScalingLimited()
    {
        // The healthy target reaches 5 workers under this load; this HPA may not go above 3.
        var outcomes = await NegativeControlRun.RunAsync<AutoscalingState>("hpa-max-equals-min", output,
            (cluster, context) => new Autoscaling(cluster, context, output),
            ("ZD_TIMING__AUTOSCALING__EXPECTED_REPLICAS", "5"));

        var failed = outcomes.Should().ContainSingle(o => !o.Passed).Subject;
        failed.Method.Should().Be(nameof(Autoscaling.Wait_for_scale_up));
        failed.Error!.Message.Should().StartWith("Expected 5 worker pods Ready within 45.0 s of the load step to 120 req/s at ")
            .And.Contain(", but the most Ready by ")
            .And.Contain(" was 3; the HPA ray-worker last reported 3 current / 3 desired replicas (min 3, max 3, cpu ")
            .And.EndWith("and ScalingLimited True TooManyReplicas: the desired replica count is more than the maximum replica count.");
    }

    [Fact]
    public async Task Workers_without_readiness_probes_fail_the_success_rate()
    {
        // A new connection per request, as from clients that connect per call: the load balancer places every
        // request, so about a third of those sent while the replacement loads its model reach it. Keep-alive
        // load stays on the connections it has, and whether one of them lands on the loading pod is chance.
        var (outcomes, results) = await NegativeControlRun.RunWithReportsAsync<DisruptionState>("no-readiness", output,
            (cluster, context) => new SingleWorkerDisruption(cluster, context, output),
            ("ZD_TIMING__LOAD__MODE", "fresh-connection"));

        var failed = outcomes.Should().ContainSingle(o => !o.Passed).Subject;
        failed.Method.Should().Be(nameof(SingleWorkerDisruption.Collect_and_analyze_metrics));
        failed.Error!.Message.Should().Contain("Expected success rate above 95% during the disruption, but it was ");

        // For the right reason: the replacement answers "still loading" (503) after the deletion, and those
        // answers alone sink the rate. (The first pods also take traffic while loading, before the baseline.)
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(results, "summary.json")));
        var deleted = summary.RootElement.GetProperty("tests")[0].GetProperty("disruptions")[0].GetProperty("time").GetDateTimeOffset();
        var load = (await RequestsCsv.ReadAsync(Path.Combine(results, "single_worker_disruption.requests.csv")))
            .Where(a => a.Source == AttemptSources.BuiltInLoad).ToList();
        var failedAfter = load.Where(a => !a.Succeeded && a.Start >= deleted).ToList();
        failedAfter.Should().OnlyContain(a => a.HttpStatus == 503, "a pod that is loading its model answers 503");
        (100.0 * failedAfter.Count / load.Count).Should().BeGreaterThan(5,
            "the {0} load requests that failed after the deletion at {1:HH:mm:ss.fff} are by themselves more than 5% of {2}",
            failedAfter.Count, deleted, load.Count);
    }

    [Fact]
    public async Task Workers_without_preStop_or_readiness_that_exit_abruptly_fail_the_rolling_upgrade_naming_the_failed_requests()
    {
        var outcomes = await NegativeControlRun.RunAsync<RollingUpgradeState>("upgrade-abrupt", output,
            (cluster, context) => new RollingUpgrade(cluster, context, output),
            ("ZD_TIMING__POST_VALIDATION__REQUESTS", "1"));

        // New workers join the load balancer before their model is loaded: connections moved there get "loading" answers.
        var failed = outcomes.Should().ContainSingle(o => !o.Passed).Subject;
        failed.Method.Should().Be(nameof(RollingUpgrade.Judge_the_connections));
        failed.Error!.Message.Should().Contain("Expected zero failed requests on connections that were not lost, but ")
            .And.MatchRegex(@"but \d+ failed on \d+ connection\(s\): \d+ on ray-worker-[a-z0-9-]+ \(error loading, \d+ connection\(s\)\)");
    }

    [RedisServerFact]
    public async Task Writes_acknowledged_by_the_primary_alone_are_lost_in_a_failover_and_fail_the_ledger_check()
    {
        var outcomes = await NegativeControlRun.RunAsync<DatastoreFailoverState>("async-replication", output,
            (cluster, context) => new DatastoreFailover(cluster, context, output),
            // Acknowledged by the primary alone, at a heavy rate, with the replicas cut off for 1 s before the kill:
            // every write acknowledged in that second exists only on the primary that dies.
            ("ZD_TIMING__DATASTORE_FAILOVER__ACKNOWLEDGE", "primary"), ("ZD_TIMING__DATASTORE_FAILOVER__WRITE_RATE", "200"),
            ("ZD_TIMING__DATASTORE_FAILOVER__CUT_REPLICATION_BEFORE_KILL", "1s"), ("ZD_TIMING__POST_VALIDATION__REQUESTS", "1"));

        var failed = outcomes.Should().ContainSingle(o => !o.Passed).Subject;
        failed.Method.Should().Be(nameof(DatastoreFailover.Collect_and_analyze_metrics));
        failed.Error!.Message.Should().Contain("Expected no acknowledged write lost and nothing unexpected in the final read, but ")
            .And.MatchRegex(@"but [1-9][0-9]* of [0-9]+ acknowledged writes were lost \(#[0-9]+")
            .And.Contain("; every write is in datastore_failover.ledger.csv.");
    }
}
