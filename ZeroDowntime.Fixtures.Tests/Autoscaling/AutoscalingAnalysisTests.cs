using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Autoscaling;
using ZeroDowntime.Fixtures.Measurement;
using static ZeroDowntime.Fixtures.Tests.Measurement.Timelines;

namespace ZeroDowntime.Fixtures.Tests.Autoscaling;

public sealed class AutoscalingAnalysisTests
{
    // Three workers Ready from the start; two more Ready at 14 s and 16 s; both gone again at 40 s and 42 s.
    private static readonly List<ClusterEvent> Events =
    [
        Ready(0, "w1"), Ready(0, "w2"), Ready(0, "w3"),
        Ready(14, "w4"), Ready(16, "w5"),
        Terminating(40, "w4"), Terminating(42, "w5"),
    ];

    [Fact]
    public void The_scale_up_is_the_first_instant_the_count_is_reached_after_the_step()
    {
        AutoscalingAnalysis.ReachAtLeast(Events, "worker", At(10), At(55), 5).Should().Be(new ReplicaReach(At(16), 5));
        AutoscalingAnalysis.ReachAtLeast(Events, "worker", At(10), At(15), 5).Should().Be(new ReplicaReach(null, 4));
        AutoscalingAnalysis.ReachAtLeast(Events, "worker", At(20), At(30), 5).Should().Be(new ReplicaReach(At(20), 5), "already there at the step");
    }

    [Fact]
    public void The_scale_down_is_the_first_instant_at_or_below_the_minimum_after_the_stop()
    {
        AutoscalingAnalysis.ReachAtMost(Events, "worker", At(30), At(65), 3).Should().Be(new ReplicaReach(At(42), 3));
        AutoscalingAnalysis.ReachAtMost(Events, "worker", At(30), At(41), 3).Should().Be(new ReplicaReach(null, 4));
    }

    [Fact]
    public void The_most_ready_and_the_largest_decision_are_found()
    {
        AutoscalingAnalysis.MostReady(Events, "worker", At(0), At(60)).Should().Be((5, At(16)));
        var timeline = new AutoscalingTimeline();
        timeline.Add(new HpaSnapshot(At(12), 3, 5, 160, At(12), []));
        timeline.Add(new HpaEventRecord(At(12.1), "Normal", "SuccessfulRescale", "New size: 5; reason: cpu resource utilization (percentage of request) above target"));
        timeline.Add(new HpaEventRecord(At(43), "Normal", "SuccessfulRescale", "New size: 3; reason: All metrics below target"));

        AutoscalingAnalysis.MostDesired(timeline, At(0), At(60)).Should().Be((5, At(12)));
        AutoscalingAnalysis.MostDesired(timeline, At(20), At(60)).Should().Be((3, At(43)));
    }

    [Fact]
    public void Throughput_is_successes_started_per_second_of_the_span()
    {
        var attempts = new List<AttemptRecord> { Ok(0), Ok(0.5), Fail(1), Ok(1.5), Ok(2) };

        AutoscalingAnalysis.Throughput(attempts, At(0), At(2)).Should().Be(1.5);
        AutoscalingAnalysis.Throughput(attempts, At(2), At(2)).Should().BeNull();
    }
}
