using FluentAssertions;
using ZeroDowntime.LocalCluster.Controllers.Workloads;
using Xunit;
using static ZeroDowntime.LocalCluster.Controllers.Workloads.StatefulSetActionKind;

namespace ZeroDowntime.LocalCluster.Tests.Controllers;

public sealed class StatefulSetPlannerTests
{
    private const string Old = "redis-old";
    private const string New = "redis-new";

    private static StatefulPodState Ready(int ordinal, string revision = New) => new(ordinal, revision, false, true, false);

    [Fact]
    public void An_empty_set_starts_with_ordinal_zero() =>
        StatefulSetPlanner.Plan(3, "OrderedReady", 0, New, []).Should().Equal(new StatefulSetAction(Create, 0));

    [Fact]
    public void The_next_ordinal_waits_until_the_previous_is_running_and_ready() =>
        StatefulSetPlanner.Plan(3, "OrderedReady", 0, New, [new StatefulPodState(0, New, false, false, false)]).Should().BeEmpty();

    [Fact]
    public void The_next_ordinal_starts_once_the_previous_is_ready() =>
        StatefulSetPlanner.Plan(3, "OrderedReady", 0, New, [Ready(0)]).Should().Equal(new StatefulSetAction(Create, 1));

    [Fact]
    public void A_deleted_pod_is_recreated_only_after_it_is_gone()
    {
        StatefulSetPlanner.Plan(3, "OrderedReady", 0, New, [Ready(0), new StatefulPodState(1, New, true, true, false), Ready(2)])
            .Should().BeEmpty();
        StatefulSetPlanner.Plan(3, "OrderedReady", 0, New, [Ready(0), Ready(2)]).Should().Equal(new StatefulSetAction(Create, 1));
    }

    [Fact]
    public void Parallel_management_creates_every_missing_pod_at_once() =>
        StatefulSetPlanner.Plan(3, "Parallel", 0, New, []).Should().Equal(
            new StatefulSetAction(Create, 0), new StatefulSetAction(Create, 1), new StatefulSetAction(Create, 2));

    [Fact]
    public void Scale_down_removes_the_highest_ordinal_first_one_at_a_time()
    {
        StatefulSetPlanner.Plan(1, "OrderedReady", 0, New, [Ready(0), Ready(1), Ready(2)]).Should().Equal(new StatefulSetAction(Delete, 2));
        StatefulSetPlanner.Plan(1, "OrderedReady", 0, New, [Ready(0), Ready(1), new StatefulPodState(2, New, true, false, false)]).Should().BeEmpty();
    }

    [Fact]
    public void Rolling_update_goes_from_the_highest_ordinal_down()
    {
        StatefulSetPlanner.Plan(3, "OrderedReady", 0, New, [Ready(0, Old), Ready(1, Old), Ready(2, Old)])
            .Should().Equal(new StatefulSetAction(Delete, 2));
        StatefulSetPlanner.Plan(3, "OrderedReady", 0, New, [Ready(0, Old), Ready(1, Old), Ready(2)])
            .Should().Equal(new StatefulSetAction(Delete, 1));
        StatefulSetPlanner.Plan(3, "OrderedReady", 0, New, [Ready(0, Old), Ready(1), Ready(2)])
            .Should().Equal(new StatefulSetAction(Delete, 0));
    }

    [Fact]
    public void Rolling_update_waits_for_the_updated_pod_to_be_ready() =>
        StatefulSetPlanner.Plan(3, "OrderedReady", 0, New, [Ready(0, Old), Ready(1, Old), new StatefulPodState(2, New, false, false, false)])
            .Should().BeEmpty();

    [Fact]
    public void Rolling_update_stops_at_the_partition() =>
        StatefulSetPlanner.Plan(3, "OrderedReady", 2, New, [Ready(0, Old), Ready(1, Old), Ready(2)]).Should().BeEmpty();

    [Fact]
    public void OnDelete_strategy_never_deletes_outdated_pods() =>
        StatefulSetPlanner.Plan(2, "OrderedReady", 0, New, [Ready(0, Old), Ready(1, Old)], rollingUpdate: false).Should().BeEmpty();

    [Fact]
    public void A_failed_pod_is_deleted_to_be_recreated() =>
        StatefulSetPlanner.Plan(2, "OrderedReady", 0, New, [Ready(0), new StatefulPodState(1, New, false, false, true)])
            .Should().Equal(new StatefulSetAction(Delete, 1));
}
