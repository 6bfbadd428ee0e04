namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>RandomPodKill: kill K pods of a role, picked with a seed, at once.</summary>
public sealed class RandomPodKillTiming
{
    /// <summary>Whose pods are killed.</summary>
    [Setting("ROLE", "Role whose pods are killed: head, workers or redis.", Default = "workers")]
    public TargetRole Role { get; init; }

    /// <summary>How many pods are killed at once (all of them when the role has fewer).</summary>
    [Setting("PODS", "Pods killed at once in each round (all of the role's pods when it has fewer).", Default = "2", Minimum = 1)]
    public int Pods { get; init; }

    /// <summary>How they are killed.</summary>
    [Setting("METHOD", "force-delete (grace period 0), graceful-delete (the pod's own grace period) or process-kill (SIGKILL in place; embedded cluster only).",
        Default = "force-delete")]
    public PodKillMethod Method { get; init; }

    /// <summary>How many rounds of kills.</summary>
    [Setting("ROUNDS", "Rounds of kills; each waits for recovery, then the interval.", Default = "1", Minimum = 1, Maximum = 100)]
    public int Rounds { get; init; }

    /// <summary>Pause between one round's recovery and the next round.</summary>
    [Setting("ROUND_INTERVAL", "Pause between one round's recovery and the next round's kills.",
        LocalDefault = "3s", ProductionDefault = "30s")]
    public TimeSpan RoundInterval { get; init; }

    /// <summary>Every killed pod replaced (or restarted) and the role back at its expected Ready count within this.</summary>
    [Setting("RECOVERY_WITHIN", "Every killed pod recovered and the role back at its expected Ready count within this of the kill (the seed's 60 s).",
        Default = "60s")]
    public TimeSpan RecoveryWithin { get; init; }

    /// <summary>The load's success rate must be above this percentage.</summary>
    [Setting("SUCCESS_RATE_ABOVE", "Success rate of the load over the run must be above this percentage.",
        Default = "95", Minimum = 0, Maximum = 100)]
    public double SuccessRateAbovePercent { get; init; }

    /// <summary>The fewest Ready pods of the role allowed while the pods are down.</summary>
    [Setting("MIN_READY_DURING_KILL", "Fewest Ready pods of the role allowed at any moment while killed pods recover.",
        Default = "1", Minimum = 0)]
    public int MinReadyDuringKill { get; init; }
}
