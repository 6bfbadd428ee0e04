using FluentAssertions;
using Xunit;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Assertions;

public class ReadinessAssertionTests
{
    [Fact]
    public void A_dip_below_the_minimum_names_the_minimum_and_when_it_held()
    {
        var result = NodeDrain();

        var act = () => result.Should().HaveAtLeastReadyThroughout("worker", 3);

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected at least 3 worker pods Ready throughout, but the minimum was 2, from 12:00:01.05 to 12:00:04.40.");
    }

    [Fact]
    public void Holding_the_minimum_passes_and_records_it()
    {
        var result = NodeDrain();

        result.Should().HaveAtLeastReadyThroughout("worker", 2).And.HaveAtLeastReadyThroughout("head", 1);

        result.Checks.Should().Equal(
            new CheckResult("min_ready_worker", "At least 2 worker pods Ready throughout", true, "≥ 2", "minimum 2"),
            new CheckResult("min_ready_head", "At least 1 head pod Ready throughout", true, "≥ 1", "minimum 1"));
    }

    [Fact]
    public void A_role_without_events_fails_rather_than_passing_on_no_evidence()
    {
        var act = () => NodeDrain().Should().HaveAtLeastReadyThroughout("redis", 2);

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected at least 2 redis pods Ready throughout, but no pod events were recorded for role redis.");
    }

    [Fact]
    public void A_slow_recovery_states_the_time_it_took_and_both_instants()
    {
        var act = () => NodeDrain().Should().RecoverWithin("worker", TimeSpan.FromSeconds(2));

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected worker pods back to 3 Ready within 2.0 s of the disruption, but it took 3.4 s (disrupted 12:00:01.00, back 12:00:04.40).");
    }

    [Fact]
    public void A_recovery_within_the_limit_passes_with_its_time()
    {
        var result = NodeDrain();

        result.Should().RecoverWithin("worker", TimeSpan.FromMinutes(5));

        result.Checks.Single().Should().Be(new CheckResult("recovery_worker", "Worker pods back to 3 Ready within 5 min", true, "≤ 5 min", "3.4 s"));
    }

    [Fact]
    public void No_recovery_names_the_end_of_monitoring_and_the_last_ready_count()
    {
        var act = () => NodeDrain(replacementBecomesReady: false).Should().RecoverWithin("worker", TimeSpan.FromMinutes(5));

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected worker pods back to 3 Ready within 5 min of the disruption, but they were not recovered by 12:00:30.00; last Ready count 2 of 3.");
    }

    [Fact]
    public void A_role_that_never_dropped_recovered_in_no_time()
    {
        var result = NodeDrain();

        result.Should().RecoverWithin("head", TimeSpan.FromSeconds(1));

        result.Checks.Single().Actual.Should().Be("0.0 s (never below 1)");
    }

    [Fact]
    public void A_slow_termination_names_the_pod_and_both_instants()
    {
        var act = () => NodeDrain().Should().TerminateWithin(TimeSpan.FromSeconds(2), "the grace period is 1 s");

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected the disrupted pod to terminate within 2.0 s because the grace period is 1 s, " +
            "but ray-worker-w2 took 5.0 s (accepted 12:00:01.00, deleted 12:00:06.00).");
    }

    [Fact]
    public void A_termination_within_the_limit_passes_and_names_the_pod()
    {
        var result = NodeDrain();

        result.Should().TerminateWithin(TimeSpan.FromSeconds(60));

        result.Checks.Single().Should().Be(new CheckResult("termination", "Disrupted pod terminated within 1 min", true, "≤ 1 min", "5.0 s (ray-worker-w2)"));
    }

    [Fact]
    public void A_wrong_final_count_states_the_count_and_when_it_was_taken()
    {
        var act = () => NodeDrain(replacementBecomesReady: false).Should().EndWithReadyCount("worker", 3);

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected 3 worker pods Ready at the end, but 2 were Ready at 12:00:30.00.");
    }

    [Fact]
    public void The_right_final_count_passes()
    {
        var result = NodeDrain();

        result.Should().EndWithReadyCount("worker", 3).And.EndWithReadyCount("head", 1);

        result.Checks.Select(c => (c.Key, c.Description, c.Passed, c.Actual)).Should().Equal(
            ("final_worker", "3 worker pods Ready at the end", true, "3 at 12:00:30.00"),
            ("final_head", "1 head pod Ready at the end", true, "1 at 12:00:30.00"));
    }
}
