namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>One <c>behavior.scaleUp|scaleDown.policies[]</c> entry: at most <see cref="Value"/> pods (or percent) per <see cref="Period"/>.</summary>
/// <param name="IsPercent">True for <c>type: Percent</c>, false for <c>type: Pods</c>.</param>
/// <param name="Value">Pods, or percent of the replicas at the start of the period.</param>
/// <param name="Period">The policy's <c>periodSeconds</c>.</param>
public sealed record ScalingPolicy(bool IsPercent, int Value, TimeSpan Period)
{
    /// <summary>A <c>Pods</c> policy.</summary>
    public static ScalingPolicy Pods(int value, int periodSeconds) => new(false, value, TimeSpan.FromSeconds(periodSeconds));

    /// <summary>A <c>Percent</c> policy.</summary>
    public static ScalingPolicy Percent(int value, int periodSeconds) => new(true, value, TimeSpan.FromSeconds(periodSeconds));
}
