namespace ZeroDowntime.Fixtures.Chaos;

/// <summary>
/// How one killed pod came back (krkn's three numbers): rescheduling (kill accepted → replacement bound
/// to a node), readiness (bound → Ready) and total recovery (kill accepted → Ready). A process kill
/// recovers in place: no rescheduling, readiness from the kill.
/// </summary>
/// <param name="Kill">The kill.</param>
/// <param name="Replacement">The pod that took its place (the same name for a process kill or a StatefulSet), or null when none appeared.</param>
/// <param name="Rescheduling">Kill accepted → replacement scheduled; null in place or when not scheduled.</param>
/// <param name="Readiness">Scheduled (in place: the kill) → Ready; null when not Ready.</param>
/// <param name="Total">Kill accepted → Ready; null when it never became Ready in what was observed.</param>
/// <param name="InPlace">True for a process kill (same pod, restarted container).</param>
public sealed record PodRecovery(PodKill Kill, string? Replacement, TimeSpan? Rescheduling, TimeSpan? Readiness, TimeSpan? Total, bool InPlace)
{
    /// <summary>The pod (or its replacement) became Ready again.</summary>
    public bool Recovered => Total is not null;

    /// <summary>One line: <c>round 1: ray-worker-a on zd-node-2 → ray-worker-x: rescheduled 0.1 s, Ready 1.5 s later, recovered in 1.6 s</c>.</summary>
    public override string ToString() => Describe(Kill.Pod);

    /// <summary>As <see cref="ToString"/>, naming the killed pod <paramref name="pod"/> (e.g. with its position by name).</summary>
    public string Describe(string pod)
    {
        var head = $"round {Kill.Round}: {pod}{(Kill.Node is null ? "" : $" on {Kill.Node}")}";
        if (Replacement is null)
        {
            return $"{head}: no replacement appeared (unrecovered)";
        }

        var target = InPlace ? " restarted in place" : $" → {Replacement}";
        var scheduled = Rescheduling is { } r ? $"rescheduled {Seconds(r)}, " : InPlace ? "" : "never scheduled, ";
        var ready = Readiness is { } d ? $"Ready {Seconds(d)} later" : "never Ready";
        var total = Total is { } t ? $", recovered in {Seconds(t)}" : " (unrecovered)";
        return $"{head}{target}: {scheduled}{ready}{total}";
    }

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s";
}
