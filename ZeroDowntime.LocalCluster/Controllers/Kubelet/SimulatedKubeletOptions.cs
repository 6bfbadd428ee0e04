namespace ZeroDowntime.LocalCluster.Controllers.Kubelet;

/// <summary>How the <see cref="SimulatedKubelet"/> plays the kubelet.</summary>
public sealed record SimulatedKubeletOptions
{
    /// <summary>
    /// Image patterns the local cluster can "run" (<c>*</c> matches any characters); pods with any
    /// other image stay Pending with an ErrImageNeverPull warning. Default: the sample target's images.
    /// </summary>
    public IReadOnlyList<string> KnownImages { get; init; } = ["zerodowntime/mock-vllm*", "redis*"];

    /// <summary>Time from binding to Running/Ready; default 200 ms.</summary>
    public TimeSpan ReadyDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest a terminating pod is kept (it goes after min(grace period, this)); default 1 s.</summary>
    public TimeSpan TerminationDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When set, pods with restartPolicy Never or OnFailure (Job pods) finish with phase Succeeded
    /// this long after they start; null (default) keeps them running.
    /// </summary>
    public TimeSpan? RunToCompletionAfter { get; init; }
}
