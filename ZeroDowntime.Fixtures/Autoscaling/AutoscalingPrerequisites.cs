using k8s;
using k8s.Models;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Scenarios;

namespace ZeroDowntime.Fixtures.Autoscaling;

/// <summary>
/// The Autoscaling scenario's own pre-validation (the run-wide one stays unchanged, so clusters without
/// metrics-server still run every other scenario): the resource metrics API answers, an HPA scales the
/// workers, the expected count is above its minimum, and the workers are at that minimum.
/// </summary>
public static class AutoscalingPrerequisites
{
    /// <summary>Runs the checks, records each in <paramref name="result"/>, and returns the HPA (null when a check failed) with the problems.</summary>
    public static async Task<(V2HorizontalPodAutoscaler? Hpa, IReadOnlyList<string> Problems)> CheckAsync(IScenarioHost host, ScenarioResult result, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(result);
        var problems = new List<string>();
        var workers = host.Settings.Target.Workers;
        var timing = host.Settings.Timing.Autoscaling;
        var context = host.Gate.ContextName;

        var (sample, metricsProblem) = await ResourceMetricsReader.ReadAsync(host.Client, host.Namespace, workers.Selector, context, ct).ConfigureAwait(false);
        Record(result, problems, "metrics_api", "The resource metrics API (metrics.k8s.io) answers", metricsProblem,
            sample is null ? null : $"{sample.Pods} {workers.Name} pod(s) reported, window {ReportFormat.Duration(sample.Window)}");

        var (hpa, hpaProblem) = await HpaLocator.FindAsync(host.Client, host.Namespace, workers.Selector, timing.HpaName, context, ct).ConfigureAwait(false);
        Record(result, problems, "hpa", $"A HorizontalPodAutoscaler scales the {workers.Name} pods", hpaProblem, hpa is null ? null : HpaLocator.Describe(hpa));
        if (hpa is null)
        {
            return (null, problems);
        }

        var min = hpa.Spec.MinReplicas ?? 1;
        var expected = timing.ExpectedReplicas ?? hpa.Spec.MaxReplicas;
        Record(result, problems, "scale_up_possible", $"The expected count is above the HPA's minimum ({min})",
            expected > min ? null : $"ZD_TIMING__AUTOSCALING__EXPECTED_REPLICAS is {expected}, but the HPA {hpa.Metadata.Name}'s minReplicas is {min}: there is no scale-up to observe.",
            $"{expected} expected, max {hpa.Spec.MaxReplicas}");

        var pods = await host.Client.CoreV1.ListNamespacedPodAsync(host.Namespace, labelSelector: workers.Selector, cancellationToken: ct).ConfigureAwait(false);
        var ready = pods.Items.Count(p => p.Metadata.DeletionTimestamp is null && p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
        Record(result, problems, "at_minimum", $"The {workers.Name} pods are at the HPA's minimum ({min}) before the baseline",
            ready == min ? null : $"Expected the {workers.Name} pods at the HPA {hpa.Metadata.Name}'s minimum of {min} before the baseline, but {ready} are Ready.",
            $"{ready} Ready");
        return (problems.Count == 0 ? hpa : null, problems);
    }

    private static void Record(ScenarioResult result, List<string> problems, string key, string description, string? problem, string? actual)
    {
        result.Record(new CheckResult("pre_" + key, description, problem is null, null, problem ?? actual));
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }
}
