using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Disruptions;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Scenarios;

namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>
/// RandomPodKill's rounds: each picks pods of the role with the seed (from the role's Ready pods sorted by
/// name), kills them at once, and watches the timeline until every killed pod is back (replaced and Ready,
/// or restarted in place and Ready) and the role is at its expected Ready count, for at most
/// <c>RECOVERY_WITHIN</c>; a missed recovery is a result, never an exception (the checks say what was seen).
/// </summary>
/// <example><code>
/// var rounds = new PodKillRounds(run, cluster.Inventory, role, timing, ChaosSeed.Resolve(settings.ChaosSeed), narrator.By);
/// var round = await rounds.RunAsync(1);
/// </code></example>
public sealed class PodKillRounds(DisruptionRun run, TargetInventory inventory, RoleSettings role, RandomPodKillTiming timing, ChaosSeed seed, Action<string> narrate)
{
    /// <summary>Runs round <paramref name="round"/>: pick, kill, wait for recovery (bounded), measure.</summary>
    public async Task<PodKillRound> RunAsync(int round, CancellationToken ct = default)
    {
        var ready = await inventory.ReadyPodsAsync(role, ct).ConfigureAwait(false);
        var candidates = ready.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal).ToList();
        var picked = SeededPicker.Pick(seed.Value, round, candidates, timing.Pods);
        if (picked.Count == 0)
        {
            throw new InvalidOperationException($"Round {round}: no {role.Name} pod is Ready, so there is nothing to kill.");
        }

        var ranked = picked.Select(p => PodKillRound.Ranked(p, candidates)).ToList();
        var fewer = picked.Count < timing.Pods ? $" (only {candidates.Count} {role.Name} pod(s) are Ready: killing all of them)" : "";
        narrate($"Round {round}: seed {seed.Value} picks {string.Join(", ", ranked)}{fewer}; {Verb()} at once");
        var kills = await new PodKiller(run.Target).KillAsync(round, picked.Select(n => ready.First(p => p.Metadata.Name == n)).ToList(), role.Name, timing.Method, ct)
            .ConfigureAwait(false);
        var first = kills.Min(k => k.AcceptedAt);
        var inPlace = timing.Method == PodKillMethod.ProcessKill;
        var deadline = first + timing.RecoveryWithin - MeasurementClock.UtcNow;
        try
        {
            await run.Timeline.WaitUntilAsync(
                events => PodRecoveries.Measure(events, role.Name, kills, inPlace).All(r => r.Recovered)
                          && Recovery.Measure(events, role.Name, first, role.ExpectedCount).Recovered,
                deadline > TimeSpan.Zero ? deadline : TimeSpan.FromMilliseconds(1),
                $"every killed {role.Name} pod back and {role.ExpectedCount} Ready", ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            narrate($"Round {round}: not every killed pod was back within {timing.RecoveryWithin.TotalSeconds:0} s");
        }

        var events = run.Timeline.Events;
        var result = new PodKillRound(round, candidates, ranked, kills,
            PodRecoveries.Measure(events, role.Name, kills, inPlace), Recovery.Measure(events, role.Name, first, role.ExpectedCount));
        foreach (var pod in result.Pods)
        {
            narrate(pod.ToString());
        }

        return result;
    }

    /// <summary>The method as its setting writes it: <c>force-delete</c>, <c>graceful-delete</c>, <c>process-kill</c>.</summary>
    public static string MethodText(PodKillMethod method) => method switch
    {
        PodKillMethod.ForceDelete => "force-delete",
        PodKillMethod.GracefulDelete => "graceful-delete",
        _ => "process-kill",
    };

    private string Verb() => timing.Method switch
    {
        PodKillMethod.ForceDelete => "deleting them with grace period 0",
        PodKillMethod.GracefulDelete => "deleting them with their own grace period",
        _ => "sending SIGKILL to their containers (restart in place)",
    };
}
