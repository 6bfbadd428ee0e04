using Xunit;
using FluentAssertions;
using ZeroDowntime.Fixtures.Measurement;
using static ZeroDowntime.Fixtures.Tests.Measurement.Timelines;

namespace ZeroDowntime.Fixtures.Tests.Measurement;

public class RecoveryTests
{
    private static readonly ClusterEvent[] Start = [Ready(0, "w1"), Ready(0, "w2"), Ready(0, "w3")];

    [Fact]
    public void Recovery_runs_from_the_accepted_call_to_the_count_being_back_after_the_drop()
    {
        // The count is still 3 right after the call: recovery is measured from the drop, not from that stale 3.
        ClusterEvent[] events = [.. Start, Terminating(10.05, "w1"), Deleted(12, "w1"), Ready(31, "w4")];

        var result = Recovery.Measure(events, "worker", At(10), expectedReady: 3);

        result.Should().Be(new RecoveryResult("worker", 3, At(10), DegradedAt: At(10.05), RecoveredAt: At(31), MinimumReady: 2));
        result.Duration.Should().Be(TimeSpan.FromSeconds(21));
    }

    [Fact]
    public void A_role_that_never_recovers_has_no_recovery_time()
    {
        ClusterEvent[] events = [.. Start, Terminating(10.05, "w1"), Terminating(11, "w2")];

        var result = Recovery.Measure(events, "worker", At(10), expectedReady: 3);

        result.Recovered.Should().BeFalse();
        result.Duration.Should().BeNull();
        result.MinimumReady.Should().Be(1);
    }

    [Fact]
    public void A_role_that_never_dropped_recovered_at_once_and_says_so()
    {
        var result = Recovery.Measure(Start, "worker", At(10), expectedReady: 3);

        result.DegradedAt.Should().BeNull();
        result.Duration.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void With_a_stability_requirement_a_flap_back_down_does_not_count_as_recovered()
    {
        ClusterEvent[] events = [.. Start, Terminating(10.05, "w1"), Ready(20, "w4"), NotReady(21, "w4"), Ready(25, "w4")];

        Recovery.Measure(events, "worker", At(10), 3).RecoveredAt.Should().Be(At(20));
        Recovery.Measure(events, "worker", At(10), 3, stableFor: TimeSpan.FromSeconds(5)).RecoveredAt.Should().Be(At(25));
        Recovery.Measure(events, "worker", At(10), 3, stableFor: TimeSpan.FromSeconds(5), observedUntil: At(28)).RecoveredAt.Should().BeNull();
    }

    [Fact]
    public void Termination_time_runs_from_the_accepted_eviction_to_the_pods_deleted_event()
    {
        ClusterEvent[] events = [.. Start, Terminating(10.05, "w1"), Deleted(42.5, "w1")];

        Recovery.TerminationTime(events, "uid-w1", At(10)).Should().Be(TimeSpan.FromSeconds(32.5));
        Recovery.TerminationTime(events, "w1", At(10)).Should().Be(TimeSpan.FromSeconds(32.5), "a pod name matches too");
        Recovery.TerminationTime(events, "w2", At(10)).Should().BeNull();
    }

    [Fact]
    public void Terminations_pairs_every_accepted_eviction_with_its_deleted_event()
    {
        ClusterEvent[] events =
        [
            .. Start,
            new(At(10), ClusterEventKind.DisruptionAccepted, "worker", "w1", "uid-w1", Detail: "evict"),
            new(At(11), ClusterEventKind.DisruptionAccepted, "worker", "w2", "uid-w2", Detail: "evict"),
            Deleted(15, "w2"), Deleted(40, "w1"),
        ];

        Recovery.Terminations(events).Should().Equal(
            new PodTermination("uid-w1", At(10), At(40)),
            new PodTermination("uid-w2", At(11), At(15)));
    }
}
