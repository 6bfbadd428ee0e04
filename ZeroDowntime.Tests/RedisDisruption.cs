using FluentAssertions.Execution;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Disruptions;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Tests;

/// <summary>Seed scenario 5: losing a Redis pod does not hurt Ray's control plane (GCS fault tolerance) or the service.</summary>
[Scenario(nameof(RedisDisruption), Order = 50)]
[Collection(ClusterFixture.CollectionName)]
public sealed class RedisDisruption(ClusterFixture cluster, ScenarioContext<RedisDisruptionState> context, ITestOutputHelper output)
    : IClassFixture<ScenarioContext<RedisDisruptionState>>
{
    private readonly Narrator _narrator = new(output);

    private RedisDisruptionState State => context.State;

    private RoleSettings Redis => cluster.Settings.Target.Redis;

    private RedisTiming Timing => cluster.Settings.Timing.Redis;

    [Step(1, "Start load generator")]
    public async Task Start_load_generator()
    {
        cluster.Gate.EnsureOpen($"delete a {Redis.Name} pod");
        State.Run = await DisruptionRun.StartAsync(cluster, nameof(RedisDisruption), _narrator.By);
    }

    [Step(2, "Wait for baseline metrics")]
    public Task Wait_for_baseline_metrics() => State.RequireRun().WaitBaselineAsync();

    [Step(3, "Delete one Redis pod")]
    public async Task Delete_one_redis_pod()
    {
        var pod = (await cluster.Inventory.ReadyPodsAsync(Redis)).First();
        _narrator.By($"Deleting {Redis.Name} pod: {PodFacts.Describe(pod)}");
        State.DisruptedAt = await new PodDeleter(State.RequireRun().Target).DeleteAsync(pod, Redis.Name);
    }

    [Step(4, "Monitor service availability and the Ray cluster")]
    public async Task Monitor_service_availability()
    {
        var run = State.RequireRun();
        using var sampling = new CancellationTokenSource();
        var observer = new RayClusterObserver(cluster.Client, cluster.Namespace, cluster.Settings);
        var samples = observer.SampleUntilCancelledAsync(sampling.Token);
        try
        {
            State.Recovery = await run.MonitorUntilRecoveredAsync(Redis, State.RequireDisruption(), Timing.MonitoringWindow);
        }
        finally
        {
            await sampling.CancelAsync();
            State.RaySamples = await samples;
        }

        var failed = State.RaySamples.Where(s => !s.IsOperational).ToList();
        _narrator.By($"Ray cluster: {State.RaySamples.Count - failed.Count} of {State.RaySamples.Count} looks operational");
        using var scope = new AssertionScope();
        run.RefreshResult().Should().HaveAtLeastReadyThroughout(Redis.Name, Redis.MinReadyDuringDisruption);
        var actual = State.RaySamples.Count == 0 ? "never observed"
            : failed.Count == 0 ? $"operational in all {State.RaySamples.Count} looks"
            : $"not operational in {failed.Count} of {State.RaySamples.Count} looks, first at {failed[0].Time:HH:mm:ss.ff}: {failed[0].Problem}";
        ScenarioCheck.Require(run.Result,
            new CheckResult("ray_operational", "Ray cluster operational (head Ready, workers ALIVE)", State.RaySamples.Count > 0 && failed.Count == 0, "operational throughout", actual),
            $"Expected the Ray cluster to stay operational (head Ready, every worker ALIVE per {cluster.Settings.Target.RayNodesPath}) during the {Redis.Name} disruption, but it was {actual}.");
    }

    [Step(5, "Verify the new Redis pod joins the StatefulSet")]
    public void Verify_new_redis_pod_joins() =>
        State.RequireRun().RefreshResult().Should().RecoverWithin(Redis.Name, Timing.ReplacementReadyWithin);

    [Step(6, "Stop load generator")]
    public Task Stop_load_generator() => State.RequireRun().StopAsync();

    [Step(7, "Collect and analyze metrics")]
    public async Task Collect_and_analyze_metrics()
    {
        var run = State.RequireRun();
        await run.StopAsync();
        using var scope = new AssertionScope();
        run.Result.Should().HaveSuccessRateAbove(Timing.SuccessRateAbovePercent, "during the disruption")
            .And.HaveAtLeastReadyThroughout(Redis.Name, Redis.MinReadyDuringDisruption)
            .And.EndWithReadyCount(Redis.Name, Redis.ExpectedCount);
    }
}
