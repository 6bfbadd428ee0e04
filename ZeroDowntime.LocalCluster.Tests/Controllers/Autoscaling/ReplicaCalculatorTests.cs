using ZeroDowntime.LocalCluster.Controllers.Autoscaling;
using static ZeroDowntime.LocalCluster.Tests.Controllers.Autoscaling.HpaPods;

namespace ZeroDowntime.LocalCluster.Tests.Controllers.Autoscaling;

/// <summary>
/// The worked cases of the Kubernetes documentation ("Horizontal Pod Autoscaling", algorithm details)
/// and of the controller's own replica calculator cases, with their numbers.
/// </summary>
public sealed class ReplicaCalculatorTests
{
    private static readonly ReplicaCalculator Calculator = new(new HpaOptions());

    [Theory]
    [InlineData(2, 200, 4)] // docs: 200m against a 100m target doubles the replicas
    [InlineData(4, 50, 2)]  // docs: 50m against 100m halves them
    public void Desired_replicas_are_current_times_current_over_target_rounded_up(int pods, long usage, int expected)
    {
        var result = Calculator.PlainAverage(pods, 100, "cpu", Pods(pods), Cpu(Enumerable.Repeat<long?>(usage, pods).ToArray()), Now);

        result.Error.Should().BeNull();
        result.Replicas.Should().Be(expected);
        result.Usage.Should().Be(usage);
    }

    [Theory]
    [InlineData(109, 3)] // ratio 1.09: within the 0.1 tolerance, no action
    [InlineData(91, 3)]  // ratio 0.91: within it on the way down too
    [InlineData(112, 4)] // ratio 1.12: ceil(3 x 1.12) = 4
    [InlineData(85, 3)]  // ratio 0.85: ceil(3 x 0.85) = 3 (2.55 rounds up)
    public void A_ratio_within_the_tolerance_keeps_the_current_size(long usage, int expected) =>
        Calculator.PlainAverage(3, 100, "cpu", Pods(3), Cpu(usage, usage, usage), Now).Replicas.Should().Be(expected);

    [Fact]
    public void Utilization_is_usage_over_requests_in_whole_percent()
    {
        // 300m + 500m + 700m of three 1-core requests = 50%; against 30%: ceil(3 x 50/30) = 5.
        var result = Calculator.ResourceUtilization(3, 30, "cpu", null, Pods(3), Cpu(300, 500, 700), Now);

        result.Should().Be(new ReplicaCalculation(5, 50, 500, Now));
    }

    [Fact]
    public void Requests_of_different_sizes_are_summed_and_a_small_excess_is_tolerated()
    {
        // 1010m + 1030m + 1020m over 0.9 + 1.0 + 1.1 cores = 102% of a 100% target: within tolerance.
        var pods = new[] { Pod(0, "900m"), Pod(1, "1"), Pod(2, "1100m") };

        Calculator.ResourceUtilization(3, 100, "cpu", null, pods, Cpu(1010, 1030, 1020), Now)
            .Should().Be(new ReplicaCalculation(3, 102, 1020, Now));
    }

    [Fact]
    public void A_scale_down_uses_every_ready_pod()
    {
        // 1400m of 5 cores = 28% against 50%: ceil(5 x 0.56) = 3.
        Calculator.ResourceUtilization(5, 50, "cpu", null, Pods(5), Cpu(100, 300, 500, 250, 250), Now).Replicas.Should().Be(3);
    }

    [Fact]
    public void Unready_pods_count_as_idle_on_a_scale_up()
    {
        // docs: a not-yet-ready pod is assumed to use 0% on the way up. The ready pods run at 60%, but with the
        // unready one at 0 the average is 40%: ceil(3 x 40/30) = 4, where three ready pods with these samples give 5.
        var pods = new[] { Pod(0, ready: "False"), Pod(1), Pod(2) };

        Calculator.ResourceUtilization(3, 30, "cpu", null, pods, Cpu(300, 500, 700), Now)
            .Should().Be(new ReplicaCalculation(4, 60, 600, Now));
    }

    [Fact]
    public void No_action_when_counting_unready_pods_reverses_the_direction()
    {
        // Ready pod-0 at 40% says "up" (ratio 1.33); with the two unready pods at 0 the average is 13%: "down". No action.
        var pods = new[] { Pod(0), Pod(1, ready: "False"), Pod(2, ready: "False") };

        Calculator.ResourceUtilization(3, 30, "cpu", null, pods, Cpu(400, 500, 700), Now)
            .Should().Be(new ReplicaCalculation(3, 40, 400, Now));
    }

    [Fact]
    public void A_sample_that_covers_a_pods_start_up_is_left_out()
    {
        // pod-0 started 10 s ago and has been Ready for 5 s: its 15 s sample still includes start-up, so it counts as unready.
        var pods = new[] { Pod(0, started: Now.AddSeconds(-10), readySince: Now.AddSeconds(-5)), Pod(1), Pod(2) };

        Calculator.ResourceUtilization(3, 30, "cpu", null, pods, Cpu(300, 500, 700), Now).Replicas.Should().Be(4);
    }

    [Fact]
    public void A_young_pod_counts_once_a_full_window_has_passed_since_it_became_ready()
    {
        var pods = new[] { Pod(0, started: Now.AddSeconds(-40), readySince: Now.AddSeconds(-20)), Pod(1), Pod(2) };

        Calculator.ResourceUtilization(3, 30, "cpu", null, pods, Cpu(300, 500, 700), Now).Replicas.Should().Be(5);
    }

    [Fact]
    public void Missing_metrics_count_as_full_requests_on_a_scale_down()
    {
        // docs: a pod without metrics is assumed at 100% on the way down. 300m over three sampled cores is 10%
        // (ceil(3 x 0.2) = 1), but with the fourth pod at 1000m: 1300m / 4 cores = 32%, ceil(4 x 0.64) = 3.
        Calculator.ResourceUtilization(4, 50, "cpu", null, Pods(4), Cpu(100, 100, 100, null), Now).Replicas.Should().Be(3);
    }

    [Fact]
    public void Missing_metrics_count_as_idle_on_a_scale_up_and_may_cancel_it()
    {
        // Two sampled pods at 80% against 50% say ceil(2 x 1.6) = 4; with the third at 0: 1600m / 3 cores = 53%, within tolerance.
        Calculator.ResourceUtilization(3, 50, "cpu", null, Pods(3), Cpu(800, 800, null), Now)
            .Should().Be(new ReplicaCalculation(3, 80, 800, Now));
    }

    [Fact]
    public void Failed_and_terminating_pods_are_ignored()
    {
        var pods = new[] { Pod(0), Pod(1), Pod(2, phase: "Failed"), Pod(3, deleting: true) };

        // Only pod-0 and pod-1 count: 1200m of 2 cores = 60% against 30%: ceil(2 x 2) = 4.
        Calculator.ResourceUtilization(4, 30, "cpu", null, pods, Cpu(500, 700, 900, 900), Now).Replicas.Should().Be(4);
    }

    [Fact]
    public void Pending_pods_are_unready()
    {
        var pods = new[] { Pod(0), Pod(1), Pod(2, phase: "Pending") };

        // 1200m of 2 cores = 60% against 30% (ratio 2); with the pending pod at 0: 40%, ceil(3 x 1.33) = 4.
        Calculator.ResourceUtilization(3, 30, "cpu", null, pods, Cpu(500, 700, null), Now).Replicas.Should().Be(4);
    }

    [Fact]
    public void A_container_without_a_cpu_request_is_an_error()
    {
        var pod = Pod(0);
        pod.Spec.Containers[0].Resources = null;

        Calculator.ResourceUtilization(1, 50, "cpu", null, [pod], Cpu(100), Now).Error
            .Should().Be("missing request for cpu in container app of Pod pod-0");
    }

    [Fact]
    public void Without_samples_from_any_ready_pod_there_is_no_proposal()
    {
        var pods = new[] { Pod(0, ready: "False"), Pod(1, ready: "False") };

        Calculator.ResourceUtilization(2, 50, "cpu", null, pods, Cpu(100, 100), Now).Error
            .Should().Be("did not receive metrics for targeted pods (pods might be unready)");
    }

    [Fact]
    public void Utilization_percent_is_truncated_before_the_ratio_is_taken()
    {
        // 1698m of 3 cores = 56.6% -> 56 (not 57); against 50%: ratio 1.12, ceil(3 x 1.12) = 4. The average is truncated too: 566m.
        Calculator.ResourceUtilization(3, 50, "cpu", null, Pods(3), Cpu(566, 566, 566), Now).Should().Be(new ReplicaCalculation(4, 56, 566, Now));
    }

    [Fact]
    public void A_ratio_of_exactly_one_plus_the_tolerance_is_outside_it_in_floating_point_as_in_the_controller()
    {
        // 55% against 50%: |1.0 - 1.1| is 0.10000000000000009 in IEEE doubles, just above 0.1, so it scales (Go computes the same).
        Calculator.ResourceUtilization(3, 50, "cpu", null, Pods(3), Cpu(550, 550, 550), Now).Replicas.Should().Be(4);
    }
}
