using k8s.Models;
using ZeroDowntime.LocalCluster.Controllers.Autoscaling;

namespace ZeroDowntime.LocalCluster.Tests.Controllers.Autoscaling;

/// <summary>
/// Stabilization windows, rate policies and bounds, with the documentation's examples ("Configurable
/// scaling behavior": default behavior, the scale-down policy example, selectPolicy, stabilization).
/// </summary>
public sealed class ReplicaNormalizerTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ScalingRules DefaultUp = ScalingRules.ScaleUp(null);
    private static readonly ScalingRules DefaultDown = ScalingRules.ScaleDown(null, TimeSpan.FromMinutes(5));

    [Fact]
    public void Default_behavior_matches_the_documentation()
    {
        DefaultUp.Should().BeEquivalentTo(new ScalingRules(TimeSpan.Zero, "Max", [ScalingPolicy.Pods(4, 15), ScalingPolicy.Percent(100, 15)]));
        DefaultDown.Should().BeEquivalentTo(new ScalingRules(TimeSpan.FromSeconds(300), "Max", [ScalingPolicy.Percent(100, 15)]));
    }

    [Theory]
    [InlineData(3, 20, 7)]   // 4 pods (3 + 4) beat 100% (6)
    [InlineData(10, 50, 20)] // 100% (20) beats 4 pods (14)
    public void Scale_up_is_limited_to_the_larger_of_4_pods_and_100_percent_per_15_seconds(int current, int desired, int expected)
    {
        var result = Fresh(current).NormalizeWithBehaviors(current, desired, 1, 100, DefaultUp, DefaultDown, T0);

        result.Replicas.Should().Be(expected);
        result.ScalingLimited.Should().Be(HpaCondition.True("ScalingLimited", "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"));
    }

    [Fact]
    public void Scale_ups_within_the_policy_period_count_against_it()
    {
        var normalizer = Fresh(3);
        normalizer.NormalizeWithBehaviors(3, 20, 1, 100, DefaultUp, DefaultDown, T0).Replicas.Should().Be(7);
        normalizer.StoreScaleEvent(DefaultUp, DefaultDown, 3, 7, T0);

        // 10 s later the period started at 3 pods: 7 is all the policies allow.
        normalizer.NormalizeWithBehaviors(7, 20, 1, 100, DefaultUp, DefaultDown, T0.AddSeconds(10)).Replicas.Should().Be(7);
        // 16 s later the event has left the period: 7 + 4 = 11, 7 x 2 = 14.
        normalizer.NormalizeWithBehaviors(7, 20, 1, 100, DefaultUp, DefaultDown, T0.AddSeconds(16)).Replicas.Should().Be(14);
    }

    [Fact]
    public void Max_replicas_bounds_a_scale_up_with_the_TooManyReplicas_condition()
    {
        var result = Fresh(3).NormalizeWithBehaviors(3, 8, 3, 5, DefaultUp, DefaultDown, T0);

        result.Replicas.Should().Be(5);
        result.ScalingLimited.Should().Be(HpaCondition.True("ScalingLimited", "TooManyReplicas", "the desired replica count is more than the maximum replica count"));
        result.AbleToScale.Should().Be(HpaCondition.True("AbleToScale", "ReadyForNewScale", "recommended size matches current size"));
    }

    [Fact]
    public void Max_equal_to_min_holds_the_size_and_says_so()
    {
        var result = Fresh(3).NormalizeWithBehaviors(3, 8, 3, 3, DefaultUp, DefaultDown, T0);

        result.Replicas.Should().Be(3);
        result.ScalingLimited.Reason.Should().Be("TooManyReplicas");
        result.ScalingLimited.Status.Should().Be("True");
    }

    [Fact]
    public void The_scale_down_window_applies_the_highest_recent_recommendation()
    {
        // docs: with the default 300 s window the highest recommendation of the last 5 minutes wins.
        var normalizer = Fresh(5);
        var early = normalizer.NormalizeWithBehaviors(5, 2, 1, 10, DefaultUp, DefaultDown, T0.AddSeconds(60));
        early.Replicas.Should().Be(5);
        early.AbleToScale.Should().Be(HpaCondition.True("AbleToScale", "ScaleDownStabilized",
            "recent recommendations were higher than current one, applying the highest recent recommendation"));

        // At 301 s the initial 5 has left the window; the 2 from 60 s is the highest left.
        normalizer.NormalizeWithBehaviors(5, 2, 1, 10, DefaultUp, DefaultDown, T0.AddSeconds(301)).Replicas.Should().Be(2);
    }

    [Fact]
    public void A_short_scale_down_window_lets_the_first_low_recommendation_after_it_act()
    {
        var down = ScalingRules.ScaleDown(new V2HPAScalingRules { StabilizationWindowSeconds = 10 }, TimeSpan.FromMinutes(5));
        var normalizer = Fresh(3);
        normalizer.NormalizeWithBehaviors(3, 5, 3, 5, DefaultUp, down, T0).Replicas.Should().Be(5);
        normalizer.StoreScaleEvent(DefaultUp, down, 3, 5, T0);

        // 15 s later (one sync) the 5 is older than the 10 s window: down to min at once (100% per 15 s allows it).
        var result = normalizer.NormalizeWithBehaviors(5, 1, 3, 5, DefaultUp, down, T0.AddSeconds(15));
        result.Replicas.Should().Be(3);
        result.ScalingLimited.Should().Be(HpaCondition.True("ScalingLimited", "TooFewReplicas", "the desired replica count is less than the minimum replica count"));
    }

    [Fact]
    public void A_scale_up_window_applies_the_lowest_recent_recommendation()
    {
        var up = ScalingRules.ScaleUp(new V2HPAScalingRules { StabilizationWindowSeconds = 60 });
        var result = Fresh(3).NormalizeWithBehaviors(3, 6, 1, 10, up, DefaultDown, T0.AddSeconds(15));

        result.Replicas.Should().Be(3);
        result.AbleToScale.Reason.Should().Be("ScaleUpStabilized");
    }

    [Fact]
    public void The_documented_scale_down_policy_removes_8_then_8_then_4_at_a_time()
    {
        // docs: Pods 4 / 60 s and Percent 10 / 60 s, the larger change wins: from 80, 10% = 8 pods go; from 72, 10% is 7.2,
        // rounded in the change's favour to 8 (72 -> 64); below 40 pods the 4-pod policy allows more.
        var down = Down("Max", 0, ("Pods", 4), ("Percent", 10));
        var normalizer = Fresh(80);
        normalizer.NormalizeWithBehaviors(80, 10, 1, 100, DefaultUp, down, T0).Replicas.Should().Be(72);
        normalizer.StoreScaleEvent(DefaultUp, down, 80, 72, T0);
        normalizer.NormalizeWithBehaviors(72, 10, 1, 100, DefaultUp, down, T0.AddSeconds(30)).Replicas.Should().Be(72, "the period is not over");
        normalizer.NormalizeWithBehaviors(72, 10, 1, 100, DefaultUp, down, T0.AddSeconds(61)).Replicas.Should().Be(64);
        Fresh(30).NormalizeWithBehaviors(30, 10, 1, 100, DefaultUp, down, T0).Replicas.Should().Be(26);
    }

    [Fact]
    public void Select_policy_min_takes_the_smallest_change()
    {
        var down = Down("Min", 0, ("Pods", 4), ("Percent", 10));

        var result = Fresh(80).NormalizeWithBehaviors(80, 10, 1, 100, DefaultUp, down, T0);

        result.Replicas.Should().Be(76);
        result.ScalingLimited.Reason.Should().Be("ScaleDownLimit");
    }

    [Fact]
    public void Select_policy_disabled_turns_scaling_in_that_direction_off()
    {
        var down = Down("Disabled", 0, ("Percent", 100));

        Fresh(5).NormalizeWithBehaviors(5, 1, 1, 10, DefaultUp, down, T0).Replicas.Should().Be(5);
    }

    [Fact]
    public void Without_behavior_a_step_may_at_most_double_or_reach_four()
    {
        var result = Fresh(3).NormalizeWithoutBehavior(3, 10, 1, 20, TimeSpan.FromMinutes(5), T0);

        result.Replicas.Should().Be(6);
        result.ScalingLimited.Reason.Should().Be("ScaleUpLimit");
        Fresh(1).NormalizeWithoutBehavior(1, 10, 1, 20, TimeSpan.FromMinutes(5), T0).Replicas.Should().Be(4);
    }

    [Fact]
    public void Without_behavior_the_downscale_window_holds_the_highest_recommendation()
    {
        var normalizer = Fresh(5);
        normalizer.NormalizeWithoutBehavior(5, 2, 1, 10, TimeSpan.FromMinutes(5), T0.AddSeconds(60)).Replicas.Should().Be(5);
        normalizer.NormalizeWithoutBehavior(5, 2, 1, 10, TimeSpan.FromMinutes(5), T0.AddSeconds(301)).Replicas.Should().Be(2);
    }

    private static ReplicaNormalizer Fresh(int current)
    {
        var normalizer = new ReplicaNormalizer();
        normalizer.RecordInitialRecommendation(current, T0);
        return normalizer;
    }

    private static ScalingRules Down(string select, int window, params (string Type, int Value)[] policies) =>
        ScalingRules.ScaleDown(new V2HPAScalingRules
        {
            SelectPolicy = select,
            StabilizationWindowSeconds = window,
            Policies = policies.Select(p => new V2HPAScalingPolicy { Type = p.Type, Value = p.Value, PeriodSeconds = 60 }).ToList(),
        }, TimeSpan.FromMinutes(5));
}
