using FluentAssertions;
using k8s.Models;
using ZeroDowntime.LocalCluster.Controllers.Workloads;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Controllers;

public sealed class JobPlannerTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Runs_parallelism_pods_but_no_more_than_the_remaining_completions()
    {
        var spec = new V1JobSpec { Parallelism = 3, Completions = 5 };
        JobPlanner.Decide(spec, Start, new JobPodCounts(0, 0, 0), Start).CreatePods.Should().Be(3);
        JobPlanner.Decide(spec, Start, new JobPodCounts(1, 3, 0), Start).CreatePods.Should().Be(1);
    }

    [Fact]
    public void Completes_when_completions_succeeded()
    {
        var d = JobPlanner.Decide(new V1JobSpec { Completions = 2 }, Start, new JobPodCounts(0, 2, 1), Start);
        d.Finished.Should().Be("Complete");
        d.CreatePods.Should().Be(0);
    }

    [Fact]
    public void Fails_with_BackoffLimitExceeded_once_failures_exceed_the_limit()
    {
        var spec = new V1JobSpec { Completions = 1, BackoffLimit = 2 };
        JobPlanner.Decide(spec, Start, new JobPodCounts(0, 0, 2), Start).Should().BeEquivalentTo(new { Finished = (string?)null, CreatePods = 1 });
        var failed = JobPlanner.Decide(spec, Start, new JobPodCounts(1, 0, 3), Start);
        failed.Should().BeEquivalentTo(new
        {
            Finished = "Failed", Reason = "BackoffLimitExceeded", Message = "Job has reached the specified backoff limit", DeleteActivePods = true, CreatePods = 0,
        });
    }

    [Fact]
    public void Fails_with_DeadlineExceeded_after_activeDeadlineSeconds_and_rechecks_before()
    {
        var spec = new V1JobSpec { Completions = 1, ActiveDeadlineSeconds = 30 };
        JobPlanner.Decide(spec, Start, new JobPodCounts(1, 0, 0), Start.AddSeconds(10)).RecheckAfter.Should().Be(TimeSpan.FromSeconds(20));
        JobPlanner.Decide(spec, Start, new JobPodCounts(1, 0, 0), Start.AddSeconds(30)).Should().BeEquivalentTo(new
        {
            Finished = "Failed", Reason = "DeadlineExceeded", Message = "Job was active longer than specified deadline", DeleteActivePods = true,
        });
    }

    [Fact]
    public void A_work_queue_job_completes_when_a_pod_succeeded_and_none_runs()
    {
        var spec = new V1JobSpec { Parallelism = 2 };
        JobPlanner.Decide(spec, Start, new JobPodCounts(1, 1, 0), Start).Finished.Should().BeNull();
        JobPlanner.Decide(spec, Start, new JobPodCounts(0, 1, 0), Start).Finished.Should().Be("Complete");
    }
}
