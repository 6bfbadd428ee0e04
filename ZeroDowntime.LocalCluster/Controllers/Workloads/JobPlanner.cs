using k8s.Models;

namespace ZeroDowntime.LocalCluster.Controllers.Workloads;

/// <summary>
/// The Job controller's rules (pkg/controller/job) as a pure function: run pods up to
/// parallelism until completions succeed; more failed pods than backoffLimit fails the Job
/// (BackoffLimitExceeded); running longer than activeDeadlineSeconds fails it (DeadlineExceeded);
/// either way active pods are killed.
/// </summary>
/// <example><code>
/// var d = JobPlanner.Decide(spec, startTime, new JobPodCounts(1, 0, 7), now); // Failed, BackoffLimitExceeded
/// </code></example>
public static class JobPlanner
{
    /// <summary>Decides the next step of a Job that has not finished yet.</summary>
    public static JobDecision Decide(V1JobSpec spec, DateTimeOffset? startTime, JobPodCounts pods, DateTimeOffset now)
    {
        var backoffLimit = spec.BackoffLimit ?? 6;
        if (pods.Failed > backoffLimit)
        {
            return new JobDecision(0, true, "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", null);
        }

        TimeSpan? untilDeadline = null;
        if (spec.ActiveDeadlineSeconds is { } deadline && startTime is { } started)
        {
            var left = started.AddSeconds(deadline) - now;
            if (left <= TimeSpan.Zero)
            {
                return new JobDecision(0, true, "Failed", "DeadlineExceeded", "Job was active longer than specified deadline", null);
            }

            untilDeadline = left;
        }

        var parallelism = spec.Parallelism ?? 1;
        if (spec.Completions is { } completions)
        {
            if (pods.Succeeded >= completions)
            {
                return new JobDecision(0, false, "Complete", "CompletionsReached", "Reached expected number of succeeded pods", null);
            }

            var wantActive = Math.Min(parallelism, completions - pods.Succeeded);
            return new JobDecision(Math.Max(0, wantActive - pods.Active), false, null, null, null, untilDeadline);
        }

        // No completions: a work queue, done once any pod succeeded and none is still running.
        if (pods.Succeeded > 0)
        {
            return pods.Active == 0
                ? new JobDecision(0, false, "Complete", "CompletionsReached", "Reached expected number of succeeded pods", null)
                : new JobDecision(0, false, null, null, null, untilDeadline);
        }

        return new JobDecision(Math.Max(0, parallelism - pods.Active), false, null, null, null, untilDeadline);
    }
}
