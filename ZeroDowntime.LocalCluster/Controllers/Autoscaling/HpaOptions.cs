namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// HPA controller settings: kube-controller-manager's <c>--horizontal-pod-autoscaler-*</c> flags with
/// their defaults. The algorithm takes them as given; a target that wants to react faster says so in
/// its own <c>behavior</c>, as on a real cluster.
/// </summary>
public sealed record HpaOptions
{
    /// <summary>The default tolerance: usage ratios within 10% of 1.0 keep the current size.</summary>
    public const double DefaultTolerance = 0.1;

    /// <summary>How often each autoscaler is reconciled (<c>--horizontal-pod-autoscaler-sync-period</c>, 15 s).</summary>
    public TimeSpan SyncPeriod { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Usage ratios within this of 1.0 keep the current size (<c>--horizontal-pod-autoscaler-tolerance</c>, 0.1).</summary>
    public double Tolerance { get; init; } = DefaultTolerance;

    /// <summary>Scale-down stabilization when neither <c>behavior.scaleDown</c> nor its window is set (<c>--horizontal-pod-autoscaler-downscale-stabilization</c>, 5 min).</summary>
    public TimeSpan ScaleDownStabilization { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>After a pod starts, its cpu samples count only once it is Ready for a full window (<c>--horizontal-pod-autoscaler-cpu-initialization-period</c>, 5 min).</summary>
    public TimeSpan CpuInitializationPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A pod not Ready within this of starting is treated as never Ready (<c>--horizontal-pod-autoscaler-initial-readiness-delay</c>, 30 s).</summary>
    public TimeSpan InitialReadinessDelay { get; init; } = TimeSpan.FromSeconds(30);
}
