using FluentAssertions;
using FluentAssertions.Execution;
using Xunit;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Assertions;

public class AssertionScopeTests
{
    [Fact]
    public void A_scope_reports_every_violation_at_once_and_records_every_check()
    {
        var result = NodeDrain(replacementBecomesReady: false);

        var act = () =>
        {
            using var scope = new AssertionScope();
            result.Should().HaveSuccessRateAbove(95, "during the drain")
                .And.HaveAtLeastReadyThroughout("worker", 2)
                .And.RecoverWithin("worker", TimeSpan.FromMinutes(10))
                .And.EndWithReadyCount("worker", 3);
        };

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected success rate above 95% during the drain, but it was 91.3% (274 of 300); downtime 12:00:01.20–12:00:04.85." + Environment.NewLine +
            "Expected worker pods back to 3 Ready within 10 min of the disruption, but they were not recovered by 12:00:30.00; last Ready count 2 of 3." + Environment.NewLine +
            "Expected 3 worker pods Ready at the end, but 2 were Ready at 12:00:30.00." + Environment.NewLine);
        result.Checks.Select(c => (c.Key, c.Passed)).Should().Equal(
            ("success_rate", false), ("min_ready_worker", true), ("recovery_worker", false), ("final_worker", false));
    }

    [Fact]
    public void Asserting_the_same_check_twice_keeps_one_entry_with_the_latest_outcome()
    {
        var result = NodeDrain();

        result.Should().HaveSuccessRateAbove(80, "during the drain");
        var again = () => result.Should().HaveSuccessRateAbove(95, "during the drain");

        again.Should().Throw<XunitException>();
        result.Checks.Should().ContainSingle().Which.Passed.Should().BeFalse();
    }

    [Fact]
    public void Passing_assertions_leave_the_scenario_passing()
    {
        var result = NodeDrain();

        result.Should().HaveSuccessRateAbove(90, "during the drain")
            .And.HaveAtLeastReadyThroughout("worker", 2)
            .And.TerminateWithin(TimeSpan.FromSeconds(60))
            .And.RecoverWithin("worker", TimeSpan.FromMinutes(10))
            .And.HaveTotalDowntimeBelow(TimeSpan.FromSeconds(30))
            .And.EndWithReadyCount("worker", 3);

        result.Status.Should().Be(ScenarioStatus.Pass);
        result.Checks.Should().HaveCount(6).And.OnlyContain(c => c.Passed);
    }
}
