namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>How long waits say they are still waiting, and when a pod that cannot start ends a wait early.</summary>
public sealed class WaitTiming
{
    /// <summary>A wait longer than this prints a progress line (elapsed, deadline), and again every interval.</summary>
    [Setting("PROGRESS_INTERVAL", "A wait longer than this prints a progress line with elapsed time and deadline, then one every interval.",
        LocalDefault = "5s", ProductionDefault = "15s")]
    public TimeSpan ProgressInterval { get; init; }

    /// <summary>How long a target pod may stay in an image pull, create or config error the kubelet retries before the wait fails.</summary>
    [Setting("START_FAILURE_GRACE", "A target pod stuck this long in an image pull, create or config error the kubelet retries fails the wait at once (docs/scenarios.md).",
        LocalDefault = "3s", ProductionDefault = "30s")]
    public TimeSpan StartFailureGrace { get; init; }

    /// <summary>
    /// A target container in CrashLoopBackOff with at least this many restarts fails the wait at once. The kubelet
    /// backs off only after a second exit in a row, so 1 already spares a container that restarts once and then runs.
    /// </summary>
    [Setting("CRASH_LOOP_RESTARTS", "A target container in CrashLoopBackOff with at least this many restarts fails the wait at once (1: it exited twice in a row).",
        Default = "1", Minimum = 1, Maximum = 100)]
    public int CrashLoopRestarts { get; init; }
}
