using FluentAssertions.Execution;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Tests;

/// <summary>
/// Seed 003: a Deployment's image is upgraded as <c>kubectl set image</c> does while long-lived
/// connections run through its load balancer; the cost is counted per connection and per pod.
/// </summary>
[Scenario(nameof(RollingUpgrade), Order = 70)]
[Collection(ClusterFixture.CollectionName)]
public sealed class RollingUpgrade(ClusterFixture cluster, ScenarioContext<RollingUpgradeState> context, ITestOutputHelper output)
    : IClassFixture<ScenarioContext<RollingUpgradeState>>
{
    private readonly Narrator _narrator = new(output);

    private RollingUpgradeState State => context.State;

    private RollingUpgradeTiming Timing => cluster.Settings.Timing.RollingUpgrade;

    [Step(1, "Start traffic")]
    public async Task Start_traffic()
    {
        cluster.Gate.EnsureOpen($"upgrade the image of deployment {cluster.Settings.Target.Upgrade.Deployment}");
        State.Run = await DisruptionRun.StartAsync(cluster, nameof(RollingUpgrade), _narrator.By);
        State.Upgrade = await RollingUpgradeRun.StartAsync(cluster, State.Run, _narrator.By);
    }

    [Step(2, "Wait for the baseline")]
    public Task Wait_for_the_baseline() => RollingUpgradeRun.WaitBaselineAsync(State.RequireRun(), _narrator.By);

    [Step(3, "Upgrade the image as kubectl set image does")]
    public async Task Upgrade_the_image() =>
        State.DisruptedAt = (await RollingUpgradeRun.ChangeImageAsync(State.RequireUpgrade(), State.RequireRun())).AcceptedAt;

    [Step(4, "Watch the rollout to completion")]
    public Task Watch_the_rollout() => State.RequireUpgrade().WatchRolloutAsync();

    [Step(5, "Wait, then collect traffic statistics")]
    public async Task Collect_traffic_statistics()
    {
        await State.RequireUpgrade().SettleAsync();
        await State.RequireUpgrade().StopAsync();
        await State.RequireRun().StopAsync();
    }

    [Step(6, "Judge the connections")]
    public void Judge_the_connections()
    {
        using var scope = new AssertionScope();
        State.RequireRun().Result.Should().HaveNoFailedRequestsOnConnectionsNotLost()
            .And.LoseAtMostConnections(Timing.LostConnectionsFactor)
            .And.ReconnectEveryLostConnection();
    }

    [Step(7, "Judge the rollout and the service")]
    public void Judge_the_rollout_and_the_service()
    {
        using var scope = new AssertionScope();
        State.RequireRun().Result.Should().CompleteRolloutWithin(Timing.RolloutDeadline)
            .And.KeepReadyPodsDuringRollout()
            .And.HaveSuccessRateAbove(Timing.SuccessRateAbovePercent, "during the upgrade");
    }
}
