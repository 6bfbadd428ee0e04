using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Chaos;
using ZeroDowntime.Fixtures.Measurement;
using static ZeroDowntime.Fixtures.Tests.Measurement.Timelines;

namespace ZeroDowntime.Fixtures.Tests.Chaos;

public sealed class PodRecoveriesTests
{
    private static readonly ClusterEvent[] Start = [Created(0, "w1"), Ready(0, "w1"), Created(0, "w2"), Ready(0, "w2"), Created(0, "w3"), Ready(0, "w3")];

    [Fact]
    public void Each_deleted_pod_is_paired_with_a_new_pod_and_timed_to_its_scheduling_and_readiness()
    {
        PodKill[] kills = [Kill("w3", 10, 10.02), Kill("w1", 10, 10.01)];
        ClusterEvent[] events = [.. Start, Deleted(10.02, "w1"), Created(10.05, "w9"), Deleted(10.03, "w3"), Created(10.06, "w7"),
            Scheduled(10.2, "w9"), Scheduled(10.3, "w7"), Ready(11.5, "w9"), Ready(12.0, "w7")];

        var result = PodRecoveries.Measure(events, "worker", kills, inPlace: false);

        // In name order the killed w1 takes the first new pod (w9), w3 the next (w7); results keep the kills' order.
        result.Select(r => (r.Kill.Pod, r.Replacement)).Should().Equal(("w3", "w7"), ("w1", "w9"));
        result[1].Rescheduling.Should().Be(TimeSpan.FromSeconds(0.19));
        result[1].Readiness.Should().Be(TimeSpan.FromSeconds(1.3));
        result[1].Total.Should().Be(TimeSpan.FromSeconds(1.49));
        result[0].ToString().Should().Be("round 1: w3 on zd-node-2 → w7: rescheduled 0.3 s, Ready 1.7 s later, recovered in 2.0 s");
    }

    [Fact]
    public void A_pod_with_no_replacement_is_unrecovered_and_so_is_one_that_never_became_Ready()
    {
        PodKill[] kills = [Kill("w1", 10, 10.01), Kill("w2", 10, 10.01)];
        ClusterEvent[] events = [.. Start, Deleted(10.02, "w1"), Deleted(10.02, "w2"), Created(10.05, "w9"), Scheduled(10.2, "w9")];

        var result = PodRecoveries.Measure(events, "worker", kills, inPlace: false);

        result.Should().OnlyContain(r => !r.Recovered);
        result[0].ToString().Should().Be("round 1: w1 on zd-node-2 → w9: rescheduled 0.2 s, never Ready (unrecovered)");
        result[1].ToString().Should().Be("round 1: w2 on zd-node-2: no replacement appeared (unrecovered)");
    }

    [Fact]
    public void A_StatefulSet_pod_is_replaced_by_the_new_pod_with_its_name_and_old_pods_never_count()
    {
        ClusterEvent[] start = [Created(0, "redis-0", "redis"), Ready(0, "redis-0", "redis"), Created(0, "redis-1", "redis"), Ready(0, "redis-1", "redis")];
        PodKill[] kills = [Kill("redis-1", 10, 10.01)];
        ClusterEvent[] events = [.. start, Deleted(10.02, "redis-1", "redis"),
            Created(10.1, "redis-1", "redis", uid: "uid-redis-1-new"), Scheduled(10.15, "redis-1", "redis", uid: "uid-redis-1-new"),
            Ready(11.0, "redis-1", "redis", uid: "uid-redis-1-new")];

        var result = PodRecoveries.Measure(events, "redis", kills, inPlace: false).Single();

        result.Replacement.Should().Be("redis-1");
        result.Total.Should().Be(TimeSpan.FromSeconds(0.99));
    }

    [Fact]
    public void A_process_kill_recovers_in_place_once_the_pod_turned_unready_and_Ready_again()
    {
        PodKill[] kills = [Kill("w1", 10, 10.01), Kill("w2", 10, 10.01)];
        ClusterEvent[] events = [.. Start, NotReady(10.05, "w1"), Ready(11.2, "w1"), NotReady(10.06, "w2")];

        var result = PodRecoveries.Measure(events, "worker", kills, inPlace: true);

        result[0].Should().BeEquivalentTo(new { Replacement = "w1", Rescheduling = (TimeSpan?)null, Total = TimeSpan.FromSeconds(1.19), InPlace = true });
        result[0].ToString().Should().Be("round 1: w1 on zd-node-2 restarted in place: Ready 1.2 s later, recovered in 1.2 s");
        result[1].Recovered.Should().BeFalse();
    }

    [Fact]
    public void Events_of_the_next_round_are_left_out()
    {
        PodKill[] kills = [Kill("w1", 10, 10.01)];
        ClusterEvent[] events = [.. Start, Deleted(10.02, "w1"), Created(10.05, "w9"), Scheduled(10.1, "w9"), Ready(30, "w9")];

        PodRecoveries.Measure(events, "worker", kills, inPlace: false, until: At(20)).Single().Recovered.Should().BeFalse();
    }

    [Fact]
    public void A_picked_pod_is_named_with_its_position_by_name()
    {
        PodKillRound.Ranked("b", ["a", "b", "c"]).Should().Be("b (2nd of 3 by name)");
        PodKillRound.Ranked("k", [.. "abcdefghijk".Select(c => c.ToString())]).Should().Be("k (11th of 11 by name)");
        PodKillRound.Ranked("a", ["a"]).Should().Be("a (1st of 1 by name)");
    }

    private static PodKill Kill(string pod, double started, double accepted) => new(1, pod, "uid-" + pod, "zd-node-2", At(started), At(accepted), 0);

    private static ClusterEvent Created(double seconds, string pod, string role = "worker", string? uid = null) =>
        new(At(seconds), ClusterEventKind.PodCreated, role, pod, uid ?? "uid-" + pod);

    private static ClusterEvent Scheduled(double seconds, string pod, string role = "worker", string? uid = null) =>
        new(At(seconds), ClusterEventKind.PodScheduled, role, pod, uid ?? "uid-" + pod);

    private static ClusterEvent Ready(double seconds, string pod, string role = "worker", string? uid = null) =>
        new(At(seconds), ClusterEventKind.PodReady, role, pod, uid ?? "uid-" + pod);
}
