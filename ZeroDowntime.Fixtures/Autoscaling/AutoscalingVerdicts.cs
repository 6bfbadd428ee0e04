using System.Globalization;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Reporting.ReportFormat;

namespace ZeroDowntime.Fixtures.Autoscaling;

/// <summary>
/// The Autoscaling scenario's checks: each returns the check for the report and the sentence a failing
/// step says, with the threshold, what was measured and the evidence (the HPA's own conditions when it
/// did not scale). The texts are tested word for word.
/// </summary>
public static class AutoscalingVerdicts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The expected replicas Ready within the deadline of the step to the top stage.</summary>
    public static (CheckResult Check, string Failure) ScaleUp(AutoscalingTimeline timeline, ReplicaReach reach, TimeSpan deadline, string role)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var step = timeline.TopStageAt ?? throw new InvalidOperationException("The load has not started.");
        var rate = Rate(timeline.Stages[^1].Rate);
        var description = $"{Pods(timeline.ExpectedReplicas, role)} Ready within {Duration(deadline)} of the step to {rate} req/s";
        var reaction = reach.At - step;
        var actual = reaction is { } r ? $"{Duration(r)} (at {Time(reach.At!.Value)})" : $"not reached; at most {reach.Closest}";
        var check = new CheckResult("scale_up", description, reaction is { } t && t <= deadline, $"≤ {Duration(deadline)}", actual);
        var failure = $"Expected {Pods(timeline.ExpectedReplicas, role)} Ready within {Duration(deadline)} of the load step to {rate} req/s at {Time(step)}, " +
                      $"but the most Ready by {Time(step + deadline)} was {reach.Closest}; {HpaState(timeline)}.";
        return (check, failure);
    }

    /// <summary>Never more Ready pods, and never a larger HPA decision, than maxReplicas.</summary>
    public static (CheckResult Check, string Failure) NeverAboveMax(AutoscalingTimeline timeline, (int Count, DateTimeOffset At) mostReady,
        (int Count, DateTimeOffset At)? mostDesired, string role)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var max = timeline.MaxReplicas;
        var desired = mostDesired is { } d ? $"; the HPA asked for at most {d.Count}" : "; no HPA decision seen";
        var check = new CheckResult("max_replicas", $"Never more than {Pods(max, role)}",
            mostReady.Count <= max && (mostDesired?.Count ?? 0) <= max, $"≤ {max}", $"at most {mostReady.Count} Ready{desired}");
        var failure = mostReady.Count > max
            ? $"Expected never more than {Pods(max, role)} (the HPA's maxReplicas), but {mostReady.Count} were Ready at {Time(mostReady.At)}."
            : $"Expected never more than {Pods(max, role)} (the HPA's maxReplicas), but the HPA asked for {mostDesired?.Count} at {Time(mostDesired?.At ?? default)}.";
        return (check, failure);
    }

    /// <summary>Failed attempts of load and probe together below the threshold.</summary>
    public static (CheckResult Check, string Failure) ErrorRate(IReadOnlyList<AttemptRecord> load, IReadOnlyList<AttemptRecord> probe, double belowPercent)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(probe);
        var (loadFailed, probeFailed) = (load.Count(a => !a.Succeeded), probe.Count(a => !a.Succeeded));
        var total = load.Count + probe.Count;
        var failed = loadFailed + probeFailed;
        var percent = total == 0 ? double.NaN : 100.0 * failed / total;
        var actual = total == 0 ? "n/a (no requests)" : $"{Percent(percent)} ({failed} of {total})";
        var check = new CheckResult("error_rate", $"Error rate below {Threshold(belowPercent)} throughout (load and probe)", percent < belowPercent, $"< {Threshold(belowPercent)}", actual);
        var failure = total == 0
            ? $"Expected an error rate below {Threshold(belowPercent)} throughout the run (load and probe), but no requests were recorded."
            : $"Expected an error rate below {Threshold(belowPercent)} throughout the run (load and probe), but it was {Percent(percent)} " +
              $"({failed} of {total} attempts failed: load {loadFailed} of {load.Count}, probe {probeFailed} of {probe.Count}).";
        return (check, failure);
    }

    /// <summary>p95 of the load during the hold at most <paramref name="factor"/> times the baseline's.</summary>
    public static (CheckResult Check, string Failure) Latency(LatencyDistribution baseline, LatencyDistribution hold, double factor)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(hold);
        var times = factor.ToString("0.##", Inv) + "×";
        var limit = baseline.P95 is { } b ? b * factor : (TimeSpan?)null;
        var description = $"p95 latency after the scale-up within {times} the baseline";
        var actual = hold.P95 is { } p ? $"{Milliseconds(p)} ({hold.Count} requests; baseline {Milliseconds(baseline.P95)})" : "n/a (no requests)";
        var check = new CheckResult("p95_after_scale_up", description, limit is { } l && hold.P95 is { } h && h <= l, limit is null ? $"≤ {times} baseline" : $"≤ {Milliseconds(limit)}", actual);
        var failure = (baseline.P95, hold.P95) switch
        {
            (null, _) => $"Expected p95 latency after the scale-up within {times} the baseline's, but no baseline requests were recorded.",
            (_, null) => $"Expected p95 latency after the scale-up within {times} the baseline's {Milliseconds(baseline.P95)}, but no requests were recorded after the scale-up.",
            _ => $"Expected p95 latency of the load after the scale-up at most {times} the baseline's {Milliseconds(baseline.P95)} ({baseline.Count} requests) " +
                 $"(≤ {Milliseconds(limit)}), but it was {Milliseconds(hold.P95)} over {hold.Count} requests.",
        };
        return (check, failure);
    }

    /// <summary>Load throughput during the hold at least <paramref name="share"/> of (Ready replicas × baseline throughput per pod).</summary>
    public static (CheckResult Check, string Failure) Throughput(double? hold, int successes, TimeSpan span, int replicas, double? baselinePerPod, double share, string role)
    {
        var required = baselinePerPod is { } perPod ? share * replicas * perPod : (double?)null;
        var shareText = (share * 100).ToString("0.##", Inv) + "%";
        var description = $"Throughput at the top stage at least {shareText} of {Pods(replicas, role)} × the baseline per pod";
        var check = new CheckResult("throughput", description, required is { } r && hold is { } h && h >= r,
            required is { } req ? $"≥ {Rate(req)} req/s" : "n/a", hold is { } value ? $"{Rate(value)} req/s" : "n/a");
        var failure = (baselinePerPod, hold) switch
        {
            (null, _) => $"Expected load throughput during the hold of at least {shareText} of {Pods(replicas, role)} × the baseline per pod, but the baseline served no requests.",
            (_, null) => $"Expected load throughput during the hold of at least {Rate(required!.Value)} req/s, but the hold was empty.",
            _ => $"Expected load throughput during the hold of at least {shareText} of {Pods(replicas, role)} × {Rate(baselinePerPod!.Value)} req/s per pod at baseline " +
                 $"(≥ {Rate(required!.Value)} req/s), but it was {Rate(hold!.Value)} req/s ({successes} successful requests in {Duration(span)}).",
        };
        return (check, failure);
    }

    /// <summary>Back at the HPA's minimum within the deadline after the load stopped.</summary>
    public static (CheckResult Check, string Failure) ScaleDown(AutoscalingTimeline timeline, ReplicaReach reach, TimeSpan deadline, string role)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var stopped = timeline.LoadStoppedAt ?? throw new InvalidOperationException("The load has not been stopped.");
        var took = reach.At - stopped;
        var check = new CheckResult("scale_down", $"Back to {Pods(timeline.MinReplicas, role)} within {Duration(deadline)} after the load stopped",
            took is { } t && t <= deadline, $"≤ {Duration(deadline)}", took is { } d ? $"{Duration(d)} (at {Time(reach.At!.Value)})" : $"not reached; at least {reach.Closest}");
        var failure = $"Expected {role} pods back to {timeline.MinReplicas} within {Duration(deadline)} after the load stopped at {Time(stopped)}, " +
                      $"but the fewest Ready by {Time(stopped + deadline)} was {reach.Closest}; {HpaState(timeline)}.";
        return (check, failure);
    }

    /// <summary>The HPA's last known state, in its own words: replicas, CPU against target, and its conditions.</summary>
    public static string HpaState(AutoscalingTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (timeline.LatestSnapshot is not { } last)
        {
            return $"the HPA {timeline.HpaName} reported no status";
        }

        var cpu = last.CurrentUtilization is { } u ? $", cpu {u}%/{timeline.TargetUtilization?.ToString(Inv) ?? "?"}%" : "";
        var conditions = new[] { "ScalingLimited", "ScalingActive", "AbleToScale" }
            .Select(last.Condition).OfType<HpaConditionSnapshot>()
            .Where(c => c.Type == "ScalingLimited" || c.Status != "True")
            .Select(c => c.ToString()).ToList();
        var said = conditions.Count == 0 ? "no conditions" : string.Join("; ", conditions);
        return $"the HPA {timeline.HpaName} last reported {last.CurrentReplicas} current / {last.DesiredReplicas} desired replicas " +
               $"(min {timeline.MinReplicas}, max {timeline.MaxReplicas}{cpu}) and {said}";
    }

    private static string Rate(double rate) => rate.ToString("0.##", Inv);
}
