using FluentAssertions.Execution;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Datastore;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Tests;

/// <summary>
/// Seed 004's datastore master failure, for Redis with Sentinel: kill the primary under writes; the Sentinels elect a
/// new primary, the RTO stays under the limit, the replacement rejoins as a replica, and no acknowledged write is lost
/// (Jepsen's set checker over a ledger of numbered writes). Skipped, with the reason, where there is no Sentinel.
/// </summary>
[Scenario(nameof(DatastoreFailover), Order = 70)]
[Collection(ClusterFixture.CollectionName)]
public sealed class DatastoreFailover(ClusterFixture cluster, ScenarioContext<DatastoreFailoverState> context, ITestOutputHelper output)
    : IClassFixture<ScenarioContext<DatastoreFailoverState>>
{
    private readonly Narrator _narrator = new(output);

    private DatastoreFailoverState State => context.State;

    private DatastoreFailoverTiming Timing => cluster.Settings.Timing.DatastoreFailover;

    [Step(1, "Check the datastore: Sentinels, primary and replicas")]
    public async Task Check_the_datastore()
    {
        cluster.Gate.EnsureOpen($"kill the {cluster.Settings.Target.Redis.Name} primary");
        State.Failover = await DatastoreFailoverRun.PrepareAsync(cluster, nameof(DatastoreFailover), _narrator.By);
    }

    [Step(2, "Start load and the ledger writer")]
    public async Task Start_load_and_the_ledger_writer()
    {
        State.Run = await DisruptionRun.StartAsync(cluster, nameof(DatastoreFailover), _narrator.By);
        State.RequireFailover().StartWrites(State.Run);
    }

    [Step(3, "Wait for baseline metrics")]
    public Task Wait_for_baseline_metrics() => State.RequireRun().WaitBaselineAsync();

    [Step(4, "Find the primary and kill it")]
    public async Task Find_the_primary_and_kill_it() =>
        State.DisruptedAt = await State.RequireFailover().KillPrimaryAsync(State.RequireRun());

    [Step(5, "Wait for a new primary")]
    public async Task Wait_for_a_new_primary()
    {
        var (check, failure) = await State.RequireFailover().WaitForNewPrimaryAsync();
        ScenarioCheck.Require(State.RequireRun().Result, check, failure);
    }

    [Step(6, "Wait for the old pod's replacement to rejoin as a replica")]
    public async Task Wait_for_the_replacement_to_rejoin()
    {
        var run = State.RequireRun();
        var (check, failure) = await State.RequireFailover().WaitForReplicasAsync();
        // Writes and load go on for the settle period after recovery: the first acknowledged writes after it are measured too.
        await run.SettleAsync(State.RequireDisruption() + Timing.MonitoringWindow);
        ScenarioCheck.Require(run.Result, check, failure);
    }

    [Step(7, "Stop load and writes, read the ledger back")]
    public async Task Stop_load_and_read_the_ledger_back()
    {
        await State.RequireRun().StopAsync();
        await State.RequireFailover().ReadBackAsync();
    }

    [Step(8, "Collect and analyze metrics")]
    public void Collect_and_analyze_metrics()
    {
        var run = State.RequireRun();
        var failover = State.RequireFailover();
        using var scope = new AssertionScope();
        var (rto, rtoFailure) = failover.RtoVerdict();
        ScenarioCheck.Require(run.Result, rto, rtoFailure);
        var (ledger, ledgerFailure) = failover.LedgerVerdict();
        ScenarioCheck.Require(run.Result, ledger, ledgerFailure);
        run.Result.Should().HaveSuccessRateAbove(Timing.SuccessRateAbovePercent, "during the failover");
    }
}
