using FluentAssertions;
using Xunit;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Assertions;

public class SuccessRateAssertionTests
{
    [Fact]
    public void A_rate_below_the_threshold_fails_with_the_rate_the_counts_and_the_downtime_windows()
    {
        var result = NodeDrain();

        var act = () => result.Should().HaveSuccessRateAbove(95, "during the disruption");

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected success rate above 95% during the disruption, but it was 91.3% (274 of 300); downtime 12:00:01.20–12:00:04.85.");
    }

    [Fact]
    public void The_because_phrase_sits_between_the_expectation_and_the_finding()
    {
        var result = NodeDrain();

        var act = () => result.Should().HaveSuccessRateAbove(95, "during the drain", "the budget keeps {0} of 3 workers serving", 2);

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected success rate above 95% during the drain because the budget keeps 2 of 3 workers serving, " +
            "but it was 91.3% (274 of 300); downtime 12:00:01.20–12:00:04.85.");
    }

    [Fact]
    public void A_rate_above_the_threshold_passes_and_records_a_passed_check()
    {
        var result = NodeDrain();

        result.Should().HaveSuccessRateAbove(90, "during the drain");

        result.Checks.Should().ContainSingle().Which.Should().Be(
            new CheckResult("success_rate", "Success rate above 90% during the drain", true, "> 90%", "91.3% (274 of 300)"));
    }

    [Fact]
    public void A_failed_rate_is_recorded_as_a_failed_check_before_the_assertion_throws()
    {
        var result = NodeDrain();

        var act = () => result.Should().HaveSuccessRateAbove(99.5, "during the disruption");

        act.Should().Throw<XunitException>();
        result.Checks.Should().ContainSingle().Which.Should().Be(
            new CheckResult("success_rate", "Success rate above 99.5% during the disruption", false, "> 99.5%", "91.3% (274 of 300)"));
        result.Status.Should().Be(ScenarioStatus.Fail);
    }

    [Fact]
    public void A_rate_that_rounds_to_the_threshold_is_not_above_it()
    {
        var result = new ScenarioResult("Edge", T0);
        result.Metrics.TotalRequests = 10_000;
        result.Metrics.SuccessfulRequests = 9_500;

        var act = () => result.Should().HaveSuccessRateAbove(95, "overall");

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected success rate above 95% overall, but it was 95.0% (9500 of 10000); no downtime window.");
    }

    [Fact]
    public void No_requests_is_not_availability()
    {
        var result = new ScenarioResult("HalfWay", T0);

        var act = () => result.Should().HaveSuccessRateAbove(95, "during the disruption");

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected success rate above 95% during the disruption, but no requests were recorded.");
        result.Checks.Single().Actual.Should().Be("n/a (no requests)");
    }

    [Fact]
    public void A_phase_with_bounds_counts_only_the_attempts_that_started_in_it()
    {
        var result = NodeDrain();

        result.Should().HaveSuccessRateAbove(95, "after recovery", At(4.4), At(30));
        var around = () => result.Should().HaveSuccessRateAbove(95, "around the eviction", At(1.0), At(5.0));

        around.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected success rate above 95% around the eviction, but it was 35.0% (14 of 40); downtime 12:00:01.20–12:00:04.85.");
        result.Checks.Select(c => (c.Key, c.Passed, c.Actual)).Should().Equal(
            ("success_rate_after_recovery", true, "100.0% (256 of 256)"),
            ("success_rate_around_the_eviction", false, "35.0% (14 of 40)"));
    }

    [Fact]
    public void Many_downtime_windows_are_listed_up_to_five()
    {
        var result = new ScenarioResult("Flappy", T0);
        result.Metrics.TotalRequests = 100;
        result.Metrics.SuccessfulRequests = 50;
        for (var i = 0; i < 7; i++)
        {
            result.Metrics.DowntimeWindows.Add(new(At(i * 10), At(i * 10 + 1), 20, IsOpen: i == 6));
        }

        var act = () => result.Should().HaveSuccessRateAbove(95, "during the disruption");

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected success rate above 95% during the disruption, but it was 50.0% (50 of 100); downtime " +
            "12:00:00.00–12:00:01.00, 12:00:10.00–12:00:11.00, 12:00:20.00–12:00:21.00, 12:00:30.00–12:00:31.00, 12:00:40.00–12:00:41.00 and 2 more.");
    }
}
