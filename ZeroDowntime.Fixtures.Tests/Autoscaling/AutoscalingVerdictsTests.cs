using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Autoscaling;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using static ZeroDowntime.Fixtures.Tests.Measurement.Timelines;

namespace ZeroDowntime.Fixtures.Tests.Autoscaling;

/// <summary>The Autoscaling verdicts: pass/fail from the measurements, and their messages word for word.</summary>
public sealed class AutoscalingVerdictsTests
{
    private static AutoscalingTimeline Timeline(params HpaConditionSnapshot[] conditions)
    {
        var timeline = new AutoscalingTimeline
        {
            HpaName = "ray-worker",
            MinReplicas = 3,
            MaxReplicas = 3,
            ExpectedReplicas = 5,
            TargetUtilization = 50,
            Stages = [new LoadStage(5, TimeSpan.FromSeconds(6)), new LoadStage(120, TimeSpan.FromSeconds(30))],
            LoadStartedAt = T0,
        };
        timeline.Add(new HpaSnapshot(At(20), 3, 3, 158, null, conditions));
        return timeline;
    }

    private static readonly HpaConditionSnapshot Limited = new("ScalingLimited", "True", "TooManyReplicas", "the desired replica count is more than the maximum replica count");

    [Fact]
    public void A_scale_up_that_never_came_quotes_the_hpas_ScalingLimited_condition()
    {
        var timeline = Timeline(new HpaConditionSnapshot("AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size"),
            new HpaConditionSnapshot("ScalingActive", "True", "ValidMetricFound", "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)"),
            Limited);

        var (check, failure) = AutoscalingVerdicts.ScaleUp(timeline, new ReplicaReach(null, 3), TimeSpan.FromSeconds(45), "worker");

        check.Passed.Should().BeFalse();
        check.Actual.Should().Be("not reached; at most 3");
        failure.Should().Be("Expected 5 worker pods Ready within 45.0 s of the load step to 120 req/s at 12:00:06.00, but the most Ready by 12:00:51.00 was 3; " +
            "the HPA ray-worker last reported 3 current / 3 desired replicas (min 3, max 3, cpu 158%/50%) and " +
            "ScalingLimited True TooManyReplicas: the desired replica count is more than the maximum replica count.");
    }

    [Fact]
    public void The_scale_up_is_timed_from_the_step_to_the_top_stage()
    {
        var (check, _) = AutoscalingVerdicts.ScaleUp(Timeline(Limited), new ReplicaReach(At(24.5), 5), TimeSpan.FromSeconds(45), "worker");

        check.Passed.Should().BeTrue();
        check.Actual.Should().Be("18.5 s (at 12:00:24.50)");
        check.Description.Should().Be("5 worker pods Ready within 45.0 s of the step to 120 req/s");
    }

    [Fact]
    public void A_late_scale_up_fails_even_though_it_came()
    {
        var (check, _) = AutoscalingVerdicts.ScaleUp(Timeline(Limited), new ReplicaReach(At(60), 5), TimeSpan.FromSeconds(45), "worker");

        check.Passed.Should().BeFalse();
    }

    [Fact]
    public void Conditions_other_than_ScalingLimited_are_quoted_only_when_false()
    {
        var state = AutoscalingVerdicts.HpaState(Timeline(
            new HpaConditionSnapshot("ScalingActive", "False", "FailedGetResourceMetric", "the HPA was unable to compute the replica count: no metrics"),
            new HpaConditionSnapshot("AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale")));

        state.Should().Be("the HPA ray-worker last reported 3 current / 3 desired replicas (min 3, max 3, cpu 158%/50%) and " +
            "ScalingActive False FailedGetResourceMetric: the HPA was unable to compute the replica count: no metrics");
    }

    [Fact]
    public void The_scale_down_is_timed_from_the_load_stop()
    {
        var timeline = Timeline(Limited);
        timeline.LoadStoppedAt = At(40);

        var (passed, _) = AutoscalingVerdicts.ScaleDown(timeline, new ReplicaReach(At(58.2), 3), TimeSpan.FromSeconds(35), "worker");
        var (failed, failure) = AutoscalingVerdicts.ScaleDown(timeline, new ReplicaReach(null, 5), TimeSpan.FromSeconds(35), "worker");

        passed.Should().Match<ZeroDowntime.Fixtures.Reporting.CheckResult>(c => c.Passed && c.Actual == "18.2 s (at 12:00:58.20)");
        failed.Passed.Should().BeFalse();
        failure.Should().StartWith("Expected worker pods back to 3 within 35.0 s after the load stopped at 12:00:40.00, but the fewest Ready by 12:01:15.00 was 5; the HPA ray-worker last reported");
    }

    [Fact]
    public void More_pods_than_max_or_a_larger_decision_fails_never_above_max()
    {
        var timeline = Timeline(Limited);
        timeline.MaxReplicas = 5;

        AutoscalingVerdicts.NeverAboveMax(timeline, (5, At(20)), (5, At(18)), "worker").Check.Passed.Should().BeTrue();
        AutoscalingVerdicts.NeverAboveMax(timeline, (6, At(20)), (5, At(18)), "worker").Failure
            .Should().Be("Expected never more than 5 worker pods (the HPA's maxReplicas), but 6 were Ready at 12:00:20.00.");
        AutoscalingVerdicts.NeverAboveMax(timeline, (5, At(20)), (7, At(18)), "worker").Failure
            .Should().Be("Expected never more than 5 worker pods (the HPA's maxReplicas), but the HPA asked for 7 at 12:00:18.00.");
    }

    [Fact]
    public void The_error_rate_counts_load_and_probe_together_and_must_stay_below_the_threshold()
    {
        var load = Enumerable.Range(0, 95).Select(i => Ok(i * 0.01, source: AttemptSources.BuiltInLoad)).Concat([Fail(1), Fail(1.1)]).ToList();
        var probe = new List<AttemptRecord> { Ok(0), Fail(0.5), Ok(1) };

        var (check, failure) = AutoscalingVerdicts.ErrorRate(load, probe, 1);

        check.Passed.Should().BeFalse();
        check.Actual.Should().Be("3.0% (3 of 100)");
        failure.Should().Be("Expected an error rate below 1% throughout the run (load and probe), but it was 3.0% (3 of 100 attempts failed: load 2 of 97, probe 1 of 3).");
        AutoscalingVerdicts.ErrorRate(load.Take(95).ToList(), [Ok(0)], 1).Check.Passed.Should().BeTrue();
    }

    [Fact]
    public void Latency_after_the_scale_up_may_be_at_most_the_factor_times_the_baseline_p95()
    {
        var baseline = LatencyDistribution.Of(Enumerable.Range(1, 20).Select(i => Ok(i, 100 + i)));
        var fine = LatencyDistribution.Of(Enumerable.Range(1, 20).Select(i => Ok(i, 200 + i)));
        var slow = LatencyDistribution.Of(Enumerable.Range(1, 20).Select(i => Ok(i, 300 + i)));

        AutoscalingVerdicts.Latency(baseline, fine, 2).Check.Passed.Should().BeTrue();
        var (check, failure) = AutoscalingVerdicts.Latency(baseline, slow, 2);
        check.Passed.Should().BeFalse();
        check.Expected.Should().Be("≤ 238 ms");
        failure.Should().Be("Expected p95 latency of the load after the scale-up at most 2× the baseline's 119 ms (20 requests) (≤ 238 ms), but it was 319 ms over 20 requests.");
    }

    [Fact]
    public void Throughput_must_grow_with_the_replicas()
    {
        var (check, _) = AutoscalingVerdicts.Throughput(119.5, 717, TimeSpan.FromSeconds(6), 5, 5.0 / 3, 0.8, "worker");
        var (low, failure) = AutoscalingVerdicts.Throughput(5.12, 41, TimeSpan.FromSeconds(8), 5, 5.0 / 3, 0.8, "worker");

        check.Should().Match<ZeroDowntime.Fixtures.Reporting.CheckResult>(c => c.Passed && c.Expected == "≥ 6.67 req/s" && c.Actual == "119.5 req/s");
        low.Passed.Should().BeFalse();
        failure.Should().Be("Expected load throughput during the hold of at least 80% of 5 worker pods × 1.67 req/s per pod at baseline (≥ 6.67 req/s), " +
            "but it was 5.12 req/s (41 successful requests in 8.0 s).");
    }

    [Fact]
    public void A_rescale_event_names_its_new_size()
    {
        new HpaEventRecord(T0, "Normal", "SuccessfulRescale", "New size: 5; reason: cpu resource utilization (percentage of request) above target").NewSize.Should().Be(5);
        new HpaEventRecord(T0, "Warning", "FailedGetResourceMetric", "New size: 5; no").NewSize.Should().BeNull();
    }
}
