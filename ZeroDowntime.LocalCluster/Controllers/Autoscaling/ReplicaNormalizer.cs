namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// One autoscaler's memory and normalization, as pkg/controller/podautoscaler/horizontal.go keeps it per
/// HPA key: the unstabilized recommendations (stabilization windows) and the scale events (rate
/// policies). Without <c>behavior</c> it applies the legacy rules (downscale stabilization, scale-up
/// limit max(2 × current, 4), min/max); with <c>behavior</c> the windows, the policies and
/// <c>selectPolicy</c>. Time is passed in, so the arithmetic is testable to the second.
/// </summary>
/// <example><code>
/// var n = new ReplicaNormalizer();
/// n.RecordInitialRecommendation(3, now);
/// var result = n.NormalizeWithBehaviors(current: 3, desired: 8, min: 3, max: 5, ScalingRules.ScaleUp(null), ScalingRules.ScaleDown(null, TimeSpan.FromMinutes(5)), now);
/// // result.Replicas == 5, result.ScalingLimited.Reason == "TooManyReplicas"
/// </code></example>
public sealed class ReplicaNormalizer
{
    private readonly Lock _gate = new();
    private readonly List<(int Replicas, DateTimeOffset At)> _recommendations = [];
    private readonly List<ScaleEvent> _scaleUpEvents = [];
    private readonly List<ScaleEvent> _scaleDownEvents = [];

    /// <summary>Seeds the history with the current size the first time the autoscaler is seen.</summary>
    public void RecordInitialRecommendation(int currentReplicas, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_recommendations.Count == 0)
            {
                _recommendations.Add((currentReplicas, now));
            }
        }
    }

    /// <summary>Legacy normalization for an HPA without <c>behavior</c>.</summary>
    public NormalizedReplicas NormalizeWithoutBehavior(int current, int desired, int minReplicas, int maxReplicas, TimeSpan downscaleWindow, DateTimeOffset now)
    {
        var stabilized = StabilizeDownOnly(desired, downscaleWindow, now);
        var ableToScale = stabilized != desired
            ? HpaCondition.True(HpaCondition.AbleToScale, "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation")
            : HpaCondition.True(HpaCondition.AbleToScale, "ReadyForNewScale", "recommended size matches current size");

        // Legacy rule against bogus usage spikes: never more than max(2 x current, 4) in one step.
        var scaleUpLimit = Math.Max(2 * current, 4);
        var (maximum, reason, message) = maxReplicas > scaleUpLimit
            ? (scaleUpLimit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
            : (maxReplicas, "TooManyReplicas", "the desired replica count is more than the maximum replica count");
        var replicas = stabilized;
        if (stabilized < minReplicas)
        {
            (replicas, reason, message) = (minReplicas, "TooFewReplicas", "the desired replica count is less than the minimum replica count");
        }
        else if (stabilized > maximum)
        {
            replicas = maximum;
        }
        else
        {
            (reason, message) = ("DesiredWithinRange", "the desired count is within the acceptable range");
        }

        return new NormalizedReplicas(replicas, ableToScale, Limited(replicas != stabilized, reason, message));
    }

    /// <summary>Normalization for an HPA with <c>behavior</c>: stabilization windows, then the rate policies and min/max.</summary>
    public NormalizedReplicas NormalizeWithBehaviors(int current, int desired, int minReplicas, int maxReplicas, ScalingRules scaleUp, ScalingRules scaleDown, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scaleUp);
        ArgumentNullException.ThrowIfNull(scaleDown);
        var (stabilized, stabilizedReason, stabilizedMessage) = StabilizeWithBehaviors(current, desired, scaleUp.StabilizationWindow, scaleDown.StabilizationWindow, now);
        var ableToScale = stabilized != desired
            ? HpaCondition.True(HpaCondition.AbleToScale, stabilizedReason, stabilizedMessage)
            : HpaCondition.True(HpaCondition.AbleToScale, "ReadyForNewScale", "recommended size matches current size");
        var (replicas, reason, message) = LimitByRate(current, stabilized, minReplicas, maxReplicas, scaleUp, scaleDown, now);
        return new NormalizedReplicas(replicas, ableToScale, Limited(replicas != stabilized, reason, message));
    }

    /// <summary>Remembers a rescale for the rate policies (only HPAs with <c>behavior</c> use them); outdated entries are reused.</summary>
    public void StoreScaleEvent(ScalingRules scaleUp, ScalingRules scaleDown, int previous, int next, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scaleUp);
        ArgumentNullException.ThrowIfNull(scaleDown);
        var (events, rules, change) = next > previous ? (_scaleUpEvents, scaleUp, next - previous) : (_scaleDownEvents, scaleDown, previous - next);
        lock (_gate)
        {
            var cutoff = now - rules.LongestPeriod;
            var outdated = events.FindLastIndex(e => e.At < cutoff);
            var fresh = new ScaleEvent(change, now);
            if (outdated >= 0)
            {
                events[outdated] = fresh;
            }
            else
            {
                events.Add(fresh);
            }
        }
    }

    private int StabilizeDownOnly(int desired, TimeSpan window, DateTimeOffset now)
    {
        lock (_gate)
        {
            var highest = desired;
            var oldIndex = -1;
            var cutoff = now - window;
            for (var i = 0; i < _recommendations.Count; i++)
            {
                if (_recommendations[i].At < cutoff)
                {
                    oldIndex = i;
                }
                else
                {
                    highest = Math.Max(highest, _recommendations[i].Replicas);
                }
            }

            Remember(oldIndex, desired, now);
            return highest;
        }
    }

    private (int Replicas, string Reason, string Message) StabilizeWithBehaviors(int current, int desired, TimeSpan upWindow, TimeSpan downWindow, DateTimeOffset now)
    {
        lock (_gate)
        {
            var upRecommendation = desired;
            var downRecommendation = desired;
            var (upCutoff, downCutoff) = (now - upWindow, now - downWindow);
            var oldIndex = -1;
            for (var i = 0; i < _recommendations.Count; i++)
            {
                var (replicas, at) = _recommendations[i];
                if (at > upCutoff)
                {
                    upRecommendation = Math.Min(replicas, upRecommendation);
                }

                if (at > downCutoff)
                {
                    downRecommendation = Math.Max(replicas, downRecommendation);
                }

                if (at < upCutoff && at < downCutoff)
                {
                    oldIndex = i;
                }
            }

            // Within [lowest recent, highest recent], as close to the current size as possible.
            var recommendation = Math.Min(Math.Max(current, upRecommendation), downRecommendation);
            Remember(oldIndex, desired, now);
            return desired >= current
                ? (recommendation, "ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation")
                : (recommendation, "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation");
        }
    }

    private (int Replicas, string Reason, string Message) LimitByRate(int current, int desired, int minReplicas, int maxReplicas, ScalingRules scaleUp, ScalingRules scaleDown, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (desired > current)
            {
                var limit = Math.Max(ScaleUpLimit(current, scaleUp, now), current); // no further growth until old events age out
                var (maximum, reason, message) = maxReplicas > limit
                    ? (limit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
                    : (maxReplicas, "TooManyReplicas", "the desired replica count is more than the maximum replica count");
                if (desired > maximum)
                {
                    return (maximum, reason, message);
                }
            }
            else if (desired < current)
            {
                var limit = Math.Min(ScaleDownLimit(current, scaleDown, now), current);
                var (minimum, reason, message) = minReplicas < limit
                    ? (limit, "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate")
                    : (minReplicas, "TooFewReplicas", "the desired replica count is less than the minimum replica count");
                if (desired < minimum)
                {
                    return (minimum, reason, message);
                }
            }

            return (desired, "DesiredWithinRange", "the desired count is within the acceptable range");
        }
    }

    private int ScaleUpLimit(int current, ScalingRules rules, DateTimeOffset now)
    {
        if (rules.SelectPolicy == ScalingRules.Disabled)
        {
            return current;
        }

        var useMin = rules.SelectPolicy == ScalingRules.Min; // the smallest change; for scale-up, the lowest limit
        var result = useMin ? int.MaxValue : int.MinValue;
        foreach (var policy in rules.Policies)
        {
            var periodStart = current - ChangeWithin(_scaleUpEvents, policy.Period, now) + ChangeWithin(_scaleDownEvents, policy.Period, now);
            // Rounded up: a small percentage of a small count must still allow one more pod.
            var proposed = policy.IsPercent ? (int)Math.Ceiling(periodStart * (1 + policy.Value / 100.0)) : periodStart + policy.Value;
            result = useMin ? Math.Min(result, proposed) : Math.Max(result, proposed);
        }

        return result;
    }

    private int ScaleDownLimit(int current, ScalingRules rules, DateTimeOffset now)
    {
        if (rules.SelectPolicy == ScalingRules.Disabled)
        {
            return current;
        }

        var useMin = rules.SelectPolicy == ScalingRules.Min; // the smallest change; for scale-down, the highest limit
        var result = useMin ? int.MinValue : int.MaxValue;
        foreach (var policy in rules.Policies)
        {
            var periodStart = current - ChangeWithin(_scaleUpEvents, policy.Period, now) + ChangeWithin(_scaleDownEvents, policy.Period, now);
            var proposed = policy.IsPercent ? (int)(periodStart * (1 - policy.Value / 100.0)) : periodStart - policy.Value;
            result = useMin ? Math.Max(result, proposed) : Math.Min(result, proposed);
        }

        return result;
    }

    private static int ChangeWithin(List<ScaleEvent> events, TimeSpan period, DateTimeOffset now)
    {
        var cutoff = now - period;
        return events.Where(e => e.At > cutoff).Sum(e => e.Change);
    }

    private void Remember(int oldIndex, int desired, DateTimeOffset now)
    {
        if (oldIndex >= 0)
        {
            _recommendations[oldIndex] = (desired, now);
        }
        else
        {
            _recommendations.Add((desired, now));
        }
    }

    private static HpaCondition Limited(bool limited, string reason, string message) =>
        limited ? HpaCondition.True(HpaCondition.ScalingLimited, reason, message) : HpaCondition.False(HpaCondition.ScalingLimited, reason, message);
}
