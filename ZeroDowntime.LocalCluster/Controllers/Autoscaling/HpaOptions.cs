namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>HPA controller settings (kube-controller-manager's --horizontal-pod-autoscaler-* flags).</summary>
public sealed record HpaOptions
{
    /// <summary>How often each autoscaler reads metrics; default 15 s.</summary>
    public TimeSpan SyncPeriod { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Usage ratios within this of 1.0 keep the current size; default 0.1.</summary>
    public double Tolerance { get; init; } = HpaMath.DefaultTolerance;

    /// <summary>Scale-down stabilization window when behavior.scaleDown does not set one; default 300 s.</summary>
    public TimeSpan ScaleDownStabilization { get; init; } = TimeSpan.FromMinutes(5);
}
