namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// The HPA controller's replica arithmetic (pkg/controller/podautoscaler) as pure functions:
/// desired = ceil(current × metric / target) unless the ratio is within the tolerance (default 0.1),
/// then the stabilization windows.
/// </summary>
/// <example><code>
/// HpaMath.DesiredReplicas(currentReplicas: 3, usageRatio: 1.5); // 5
/// </code></example>
public static class HpaMath
{
    /// <summary>The default tolerance: ratios within 10% of 1.0 keep the current size.</summary>
    public const double DefaultTolerance = 0.1;

    /// <summary>ceil(<paramref name="currentReplicas"/> × <paramref name="usageRatio"/>), or the current size when within tolerance.</summary>
    public static int DesiredReplicas(int currentReplicas, double usageRatio, double tolerance = DefaultTolerance) =>
        Math.Abs(1.0 - usageRatio) <= tolerance ? currentReplicas : (int)Math.Ceiling(usageRatio * currentReplicas);

    /// <summary>
    /// Applies the stabilization windows (stabilizeRecommendationWithBehaviors): a scale-up goes no
    /// higher than the lowest recommendation within the up window, a scale-down no lower than the
    /// highest recommendation within the down window. <paramref name="history"/> receives the new recommendation.
    /// </summary>
    public static int Stabilize(int currentReplicas, int recommendation, DateTimeOffset now, TimeSpan upWindow, TimeSpan downWindow,
        List<(DateTimeOffset At, int Replicas)> history)
    {
        var up = recommendation;
        var down = recommendation;
        foreach (var (at, replicas) in history)
        {
            if (at > now - upWindow)
            {
                up = Math.Min(up, replicas);
            }

            if (at > now - downWindow)
            {
                down = Math.Max(down, replicas);
            }
        }

        var longest = upWindow > downWindow ? upWindow : downWindow;
        history.RemoveAll(h => h.At <= now - longest);
        history.Add((now, recommendation));
        var stabilized = currentReplicas;
        if (stabilized < up)
        {
            stabilized = up;
        }

        if (stabilized > down)
        {
            stabilized = down;
        }

        return stabilized;
    }

    /// <summary>Clamps to [min, max].</summary>
    public static int Clamp(int replicas, int minReplicas, int maxReplicas) => Math.Max(minReplicas, Math.Min(maxReplicas, replicas));
}
