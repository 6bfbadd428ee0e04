using FluentAssertions;
using k8s.Models;
using ZeroDowntime.LocalCluster.Controllers.Workloads;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Controllers;

public sealed class RolloutMathTests
{
    [Theory]
    [InlineData(3, 1, 0)]
    [InlineData(4, 1, 1)]
    [InlineData(10, 3, 2)]
    [InlineData(1, 1, 0)]
    public void Default_fenceposts_round_surge_up_and_unavailable_down(int replicas, int surge, int unavailable) =>
        RolloutMath.ResolveFenceposts(null, null, replicas).Should().Be((surge, unavailable));

    [Fact]
    public void Both_zero_makes_unavailable_one_so_the_rollout_can_progress() =>
        RolloutMath.ResolveFenceposts(0, "0%", 5).Should().Be((0, 1));

    [Fact]
    public void Integer_fenceposts_are_used_as_given() =>
        RolloutMath.ResolveFenceposts(2, 1, 5).Should().Be((2, 1));

    [Theory]
    [InlineData("50%", "50%", 3, 2, 1)]
    [InlineData("10%", "10%", 3, 1, 0)]
    [InlineData("100%", "0%", 4, 4, 0)]
    public void Percentage_fenceposts_follow_kubernetes_rounding(string surge, string unavailable, int replicas, int expectedSurge, int expectedUnavailable) =>
        RolloutMath.ResolveFenceposts(surge, unavailable, replicas)
            .Should().Be((expectedSurge, expectedUnavailable));

    [Fact]
    public void New_replica_set_grows_by_the_surge_over_all_replicas() =>
        RolloutMath.NewReplicaSetReplicas(desired: 3, maxSurge: 1, newSpecReplicas: 0, allSpecReplicas: 3).Should().Be(1);

    [Fact]
    public void New_replica_set_does_not_grow_while_the_surge_is_used_up() =>
        RolloutMath.NewReplicaSetReplicas(desired: 3, maxSurge: 1, newSpecReplicas: 1, allSpecReplicas: 4).Should().Be(1);

    [Fact]
    public void New_replica_set_never_grows_past_the_desired_count() =>
        RolloutMath.NewReplicaSetReplicas(desired: 3, maxSurge: 10, newSpecReplicas: 0, allSpecReplicas: 0).Should().Be(3);

    [Fact]
    public void Old_replica_set_shrinks_once_new_pods_are_available() =>
        RolloutMath.ScaleDownOldReplicaSets(3, 0, new ReplicaSetCounts("new", 1, 1), [new("old", 3, 3)])
            .Should().Equal(new Dictionary<string, int> { ["old"] = 2 });

    [Fact]
    public void Old_replica_set_keeps_its_pods_while_new_pods_are_not_available() =>
        RolloutMath.ScaleDownOldReplicaSets(3, 0, new ReplicaSetCounts("new", 1, 0), [new("old", 3, 3)]).Should().BeEmpty();

    [Fact]
    public void Unhealthy_old_pods_are_shed_first() =>
        RolloutMath.ScaleDownOldReplicaSets(3, 1, new ReplicaSetCounts("new", 1, 0), [new("old", 3, 1)])
            .Should().Equal(new Dictionary<string, int> { ["old"] = 2 });

    [Fact]
    public void Oldest_replica_sets_are_scaled_down_first() =>
        RolloutMath.ScaleDownOldReplicaSets(4, 1, new ReplicaSetCounts("new", 4, 4), [new("oldest", 1, 1), new("older", 2, 2)])
            .Should().Equal(new Dictionary<string, int> { ["oldest"] = 0, ["older"] = 0 });
}
