using Xunit;
using FluentAssertions;
using ZeroDowntime.Fixtures.Measurement;
using static ZeroDowntime.Fixtures.Tests.Measurement.Timelines;

namespace ZeroDowntime.Fixtures.Tests.Measurement;

public class ReadyCountsTests
{
    // Three workers Ready at 0 s; w1 deleted at 10 s, replacement w4 Ready at 25 s.
    private static readonly ClusterEvent[] WorkerReplacement =
    [
        Ready(0, "w1"), Ready(0, "w2"), Ready(0, "w3"), Ready(0, "head-0", role: "head"),
        new(At(10), ClusterEventKind.DisruptionAccepted, "worker", "w1", "uid-w1"),
        Terminating(10.02, "w1"),
        new(At(11), ClusterEventKind.PodCreated, "worker", "w4", "uid-w4"),
        Deleted(14, "w1"),
        Ready(25, "w4"),
    ];

    [Fact]
    public void The_minimum_over_an_interval_sees_the_dip_while_a_pod_is_replaced()
    {
        ReadyCounts.Minimum(WorkerReplacement, "worker", At(5), At(30)).Should().Be(2);
        ReadyCounts.Minimum(WorkerReplacement, "worker", At(26), At(30)).Should().Be(3);
        ReadyCounts.Minimum(WorkerReplacement, "head", At(5), At(30)).Should().Be(1);
    }

    [Fact]
    public void At_least_n_throughout_holds_only_when_the_minimum_does()
    {
        ReadyCounts.AtLeastThroughout(WorkerReplacement, "worker", At(5), At(30), 2).Should().BeTrue();
        ReadyCounts.AtLeastThroughout(WorkerReplacement, "worker", At(5), At(30), 3).Should().BeFalse();
    }

    [Fact]
    public void The_timeline_has_one_step_per_change()
    {
        ReadyCounts.Timeline(WorkerReplacement, "worker").Should().Equal(
            new ReadyCountStep(At(0), 0), new ReadyCountStep(At(0), 3), new ReadyCountStep(At(10.02), 2), new ReadyCountStep(At(25), 3));
    }

    [Fact]
    public void The_initial_state_can_be_given_instead_of_replayed()
    {
        var events = new[] { NotReady(3, "w2"), Ready(4, "w2") };

        ReadyCounts.CountAt(events, "worker", At(1), readyAtStart: ["uid-w1", "uid-w2", "uid-w3"]).Should().Be(3);
        ReadyCounts.Minimum(events, "worker", At(0), At(10), readyAtStart: ["uid-w1", "uid-w2", "uid-w3"]).Should().Be(2);
    }

    [Fact]
    public void Events_at_the_same_instant_are_applied_together_so_a_swap_is_not_a_dip()
    {
        var events = new[] { Ready(0, "a"), Ready(0, "b"), NotReady(5, "a"), Ready(5, "c") };

        ReadyCounts.Minimum(events, "worker", At(1), At(10)).Should().Be(2);
    }

    [Fact]
    public void A_terminating_pod_never_counts_again_even_if_a_stale_ready_event_follows()
    {
        var events = new[] { Ready(0, "a"), Terminating(1, "a"), Ready(2, "a") };

        ReadyCounts.CountAt(events, "worker", At(3)).Should().Be(0);
    }

    [Fact]
    public void A_role_without_events_has_zero_ready_pods()
    {
        ReadyCounts.Minimum([], "worker", At(0), At(1)).Should().Be(0);
    }
}
