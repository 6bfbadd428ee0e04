using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Xunit;
using ZeroDowntime.Tests;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>RandomPodKill's variants on the embedded cluster: the process kill restarts pods in place, and a seed replays its picks.</summary>
[Collection(SelfTestCollection.Name)]
public sealed class ChaosVariantTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_process_kill_restarts_the_picked_pods_in_place_and_the_same_seed_picks_the_same_pods_on_a_fresh_cluster()
    {
        var killed = await RunAsync("process-kill");
        var deleted = await RunAsync("force-delete");

        killed.Outcomes.Should().OnlyContain(o => o.Passed);
        killed.Checks.Should().Contain("restarted_in_place: pass").And.Contain("pods_recovered: pass");
        killed.Picked.Should().Equal("redis-2 (3rd of 3 by name)", "redis-0 (1st of 3 by name)");
        killed.Recoveries.Should().OnlyContain(r => r.Contains(" restarted in place: ", StringComparison.Ordinal));
        deleted.Outcomes.Should().OnlyContain(o => o.Passed);
        deleted.Picked.Should().Equal(killed.Picked, "seed 7 over the same Redis pod names picks the same pods");
        deleted.Recoveries.Should().OnlyContain(r => r.Contains(" → redis-", StringComparison.Ordinal), "a StatefulSet pod comes back under its own name");
    }

    private async Task<(IReadOnlyList<StepOutcome> Outcomes, IReadOnlyList<string> Picked, IReadOnlyList<string> Recoveries, IReadOnlyList<string> Checks)> RunAsync(string method)
    {
        var results = Path.Combine(AppContext.BaseDirectory, "TestResults", "chaos-variants", $"{method}-{DateTime.Now:yyyyMMdd-HHmmss}");
        var fixture = ClusterFixture.WithOptions(new ClusterFixtureOptions
        {
            Settings = ZeroDowntimeSettings.Load(new Dictionary<string, string?>
            {
                ["ZD_RESULTS_DIR"] = results,
                ["ZD_CHAOS_SEED"] = "7",
                ["ZD_TIMING__RANDOM_POD_KILL__ROLE"] = "redis",
                ["ZD_TIMING__RANDOM_POD_KILL__METHOD"] = method,
                ["ZD_TIMING__SETTLE_PERIOD"] = "2s",
                ["ZD_TIMING__POST_VALIDATION__REQUESTS"] = "1",
            }),
            WriteReports = false,
            Log = line => output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} [{method}] {line}"),
        });
        try
        {
            await fixture.InitializeAsync();
            var context = new ScenarioContext<RandomPodKillState>();
            await context.InitializeAsync();
            try
            {
                var outcomes = await ScenarioSteps.RunAsync(new RandomPodKill(fixture, context, output));
                foreach (var outcome in outcomes)
                {
                    output.WriteLine(outcome.ToString());
                }

                var state = context.State;
                var checks = state.Run?.Result.Checks.Select(c => $"{c.Key}: {(c.Passed ? "pass" : "fail")}").ToList() ?? [];
                return (outcomes, state.Rounds.SelectMany(r => r.Picked).ToList(), state.Rounds.SelectMany(r => r.Pods.Select(p => p.ToString())).ToList(), checks);
            }
            finally
            {
                await context.DisposeAsync();
            }
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
