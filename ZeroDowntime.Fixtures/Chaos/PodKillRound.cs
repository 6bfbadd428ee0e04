using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>One round of RandomPodKill: what the seed picked, the kills, and how each pod and the role came back.</summary>
/// <param name="Round">The round, from 1.</param>
/// <param name="Candidates">The role's Ready pods the seed chose from, sorted by name.</param>
/// <param name="Picked">The picked pods, each with its position by name (<c>ray-worker-b (2nd of 3 by name)</c>).</param>
/// <param name="Kills">The kills, as accepted.</param>
/// <param name="Pods">Per killed pod: rescheduling, readiness, total recovery.</param>
/// <param name="Role">The role back at its expected Ready count, from the round's first kill.</param>
public sealed record PodKillRound(int Round, IReadOnlyList<string> Candidates, IReadOnlyList<string> Picked, IReadOnlyList<PodKill> Kills,
    IReadOnlyList<PodRecovery> Pods, RecoveryResult Role)
{
    /// <summary>When the round's first kill was accepted.</summary>
    public DateTimeOffset FirstKill => Kills.Min(k => k.AcceptedAt);

    /// <summary><c>ray-worker-b</c> as <c>ray-worker-b (2nd of 3 by name)</c>.</summary>
    public static string Ranked(string pod, IReadOnlyList<string> sortedCandidates)
    {
        ArgumentNullException.ThrowIfNull(sortedCandidates);
        var position = sortedCandidates.ToList().IndexOf(pod) + 1;
        var suffix = (position % 100) is 11 or 12 or 13 ? "th" : (position % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return $"{pod} ({position}{suffix} of {sortedCandidates.Count} by name)";
    }
}
