using k8s;
using System.Globalization;
using FluentAssertions.Execution;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Chaos;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Datastore;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Disruptions;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Scenarios;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Tests;

/// <summary>
/// Seed 004, random pod failures: K pods of a role, picked with a seed, are killed at once under load; every
/// one comes back, the role heals within the limit, and the service keeps answering.
/// </summary>
[Scenario(nameof(RandomPodKill), Order = 70)]
[Collection(ClusterFixture.CollectionName)]
public sealed class RandomPodKill(ClusterFixture cluster, ScenarioContext<RandomPodKillState> context, ITestOutputHelper output)
    : IClassFixture<ScenarioContext<RandomPodKillState>>
{
    private readonly Narrator _narrator = new(output);

    private RandomPodKillState State => context.State;

    private RandomPodKillTiming Timing => cluster.Settings.Timing.RandomPodKill;

    private RoleSettings Role => cluster.Settings.Target.RoleFor(Timing.Role);

    [Step(1, "Start load generator")]
    public async Task Start_load_generator()
    {
        cluster.Gate.EnsureOpen($"kill {Timing.Pods} random {Role.Name} pod(s)");
        if (Timing.Method == PodKillMethod.ProcessKill && !await ProcessKillHook.IsAvailableAsync(cluster.Client))
        {
            await ScenarioSkip.ThrowAsync(cluster, nameof(RandomPodKill),
                "skipped: ZD_TIMING__RANDOM_POD_KILL__METHOD is process-kill, but this cluster has no process-kill hook " +
                $"(pods/{ProcessKillHook.Subresource} exists on the embedded cluster only); use force-delete or graceful-delete here.");
        }

        if (Role.Name == cluster.Settings.Target.Redis.Name)
        {
            // Kill Redis pods only once the Sentinels could fail the datastore over, as they could in steady state.
            await DatastoreFailoverRun.WaitUntilFailoverReadyAsync(cluster, _narrator.By);
        }

        State.Seed = ChaosSeed.Resolve(cluster.Settings.ChaosSeed);
        State.Run = await DisruptionRun.StartAsync(cluster, nameof(RandomPodKill), _narrator.By);
        State.Run.Result.Details.Set("seed", "Chaos seed", State.Seed.ToString());
        State.Run.Result.Details.Set("kill", "Kill", $"{PodKillRounds.MethodText(Timing.Method)} of {Timing.Pods} {Role.Name} pod(s) at once, {Timing.Rounds} round(s)");
        _narrator.By($"Chaos seed {State.Seed}");
    }

    [Step(2, "Wait for baseline metrics")]
    public Task Wait_for_baseline_metrics() => State.RequireRun().WaitBaselineAsync();

    [Step(3, "Kill random pods and monitor recovery")]
    public async Task Kill_random_pods_and_monitor_recovery()
    {
        var run = State.RequireRun();
        var rounds = new PodKillRounds(run, cluster.Inventory, Role, Timing, State.Seed!, _narrator.By);
        for (var round = 1; round <= Timing.Rounds; round++)
        {
            if (round > 1)
            {
                _narrator.By($"Waiting the {Timing.RoundInterval.TotalSeconds:0.#} s round interval");
                await Task.Delay(Timing.RoundInterval); // the scenario's own mandated interval between rounds
            }

            State.Rounds.Add(await rounds.RunAsync(round));
            State.DisruptedAt ??= State.Rounds[0].FirstKill;
            run.Result.Details.Set("killed_pods", "Killed pods", State.Rounds.SelectMany(r => r.Pods.Select((p, i) => p.Describe(r.Picked[i]))).ToList());
        }

        await run.SettleAsync(State.Rounds[^1].FirstKill + Timing.RecoveryWithin);
        run.RefreshResult().Should().HaveAtLeastReadyThroughout(Role.Name, Timing.MinReadyDuringKill);
    }

    [Step(4, "Verify every killed pod recovered")]
    public async Task Verify_every_killed_pod_recovered()
    {
        var run = State.RequireRun();
        var pods = State.RequireRounds().SelectMany(r => r.Pods).ToList();
        var late = pods.Where(p => p.Total is not { } t || t > Timing.RecoveryWithin).ToList();
        var slowest = pods.Where(p => p.Recovered).Select(p => p.Total!.Value).DefaultIfEmpty().Max();
        var actual = late.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"all {pods.Count} back, the slowest in {slowest.TotalSeconds:0.0} s")
            : string.Join("; ", late.Select(p => p.ToString()));
        var limit = $"{Timing.RecoveryWithin.TotalSeconds:0} s";
        using var scope = new AssertionScope();
        ScenarioCheck.Require(run.Result,
            new CheckResult("pods_recovered", $"Every killed {Role.Name} pod back within {limit}", late.Count == 0, $"none unrecovered, each ≤ {limit}", actual),
            $"Expected every killed {Role.Name} pod back (replaced or restarted, and Ready) within {limit}, but {(late.Count == 0 ? actual : $"{late.Count} of {pods.Count} were not: {actual}")}.");
        if (Timing.Method == PodKillMethod.ProcessKill)
        {
            var restarts = await RestartsAsync();
            ScenarioCheck.Require(run.Result,
                new CheckResult("restarted_in_place", "Killed containers restarted in place (restartCount up)", restarts.All(r => r.After > r.Before),
                    "restartCount up for each", string.Join(", ", restarts.Select(r => $"{r.Pod} {r.Before} → {r.After}"))),
                $"Expected each killed pod's restartCount to go up (a restart in place), but it was {string.Join(", ", restarts.Select(r => $"{r.Pod} {r.Before} → {r.After}"))}.");
        }
    }

    [Step(5, "Verify the role is back at its expected Ready count")]
    public void Verify_the_role_is_back()
    {
        var run = State.RequireRun();
        using var scope = new AssertionScope();
        foreach (var round in State.RequireRounds())
        {
            var recovery = round.Role;
            var passed = recovery.Duration is { } took && took <= Timing.RecoveryWithin;
            var actual = recovery.Duration is { } d ? $"{d.TotalSeconds:0.0} s" : $"not back (lowest {recovery.MinimumReady})";
            ScenarioCheck.Require(run.Result,
                new CheckResult($"role_back_round_{round.Round}", $"{Role.Name} pods back to {Role.ExpectedCount} Ready within {Timing.RecoveryWithin.TotalSeconds:0} s (round {round.Round})",
                    passed, $"≤ {Timing.RecoveryWithin.TotalSeconds:0} s", actual),
                $"Expected {Role.Name} pods back to {Role.ExpectedCount} Ready within {Timing.RecoveryWithin.TotalSeconds:0} s of round {round.Round}'s kill, but it was {actual}.");
        }
    }

    [Step(6, "Stop load generator")]
    public Task Stop_load_generator() => State.RequireRun().StopAsync();

    [Step(7, "Collect and analyze metrics")]
    public async Task Collect_and_analyze_metrics()
    {
        var run = State.RequireRun();
        await run.StopAsync();
        using var scope = new AssertionScope();
        run.Result.Should().HaveSuccessRateAbove(Timing.SuccessRateAbovePercent, "during the pod kills")
            .And.HaveAtLeastReadyThroughout(Role.Name, Timing.MinReadyDuringKill)
            .And.EndWithReadyCount(Role.Name, Role.ExpectedCount);
    }

    private async Task<List<(string Pod, int Before, int After)>> RestartsAsync()
    {
        var result = new List<(string, int, int)>();
        foreach (var kill in State.RequireRounds().SelectMany(r => r.Kills))
        {
            var pod = await cluster.Client.CoreV1.ReadNamespacedPodAsync(kill.Pod, cluster.Namespace).DescribeFailure();
            result.Add((kill.Pod, kill.RestartCountBefore, pod.Status?.ContainerStatuses?.Sum(c => c.RestartCount) ?? 0));
        }

        return result;
    }
}
