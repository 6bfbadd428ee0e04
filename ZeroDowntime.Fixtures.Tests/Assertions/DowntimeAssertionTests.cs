using FluentAssertions;
using Xunit;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Assertions;

public class DowntimeAssertionTests
{
    [Fact]
    public void Total_downtime_above_the_limit_lists_each_window_with_its_duration()
    {
        var result = NodeDrain();

        var act = () => result.Should().HaveTotalDowntimeBelow(TimeSpan.FromSeconds(2));

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected total downtime below 2.0 s, but it was 3.7 s in 1 window: 12:00:01.20–12:00:04.85 (3.7 s).");
    }

    [Fact]
    public void Total_downtime_below_the_limit_passes_and_records_the_total()
    {
        var result = NodeDrain();

        result.Should().HaveTotalDowntimeBelow(TimeSpan.FromSeconds(30));

        result.Checks.Should().ContainSingle().Which.Should().Be(
            new CheckResult("total_downtime", "Total downtime below 30.0 s", true, "< 30.0 s", "3.7 s in 1 window"));
    }

    [Fact]
    public void Downtime_that_was_not_measured_fails()
    {
        var act = () => new ScenarioResult("HalfWay", T0).Should().HaveTotalDowntimeBelow(TimeSpan.FromSeconds(30));

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected total downtime below 30.0 s, but downtime was not measured (no probe or load attempts).");
    }

    [Fact]
    public void The_longest_outage_is_measured_from_the_disruption_and_names_its_window()
    {
        var result = NodeDrain();

        var act = () => result.Should().HaveOutageBelow(TimeSpan.FromSeconds(3));

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected the longest outage after the disruption below 3.0 s, but it was 3.7 s (12:00:01.20–12:00:04.85).");
    }

    [Fact]
    public void An_outage_still_open_when_monitoring_ended_says_so()
    {
        var result = new ScenarioResult("HeadDisruption", T0);
        result.MarkDisruption(At(5), "delete ray-head-h1");
        result.Metrics.TotalDowntime = TimeSpan.FromSeconds(139);
        result.Metrics.DowntimeWindows.Add(new(At(6), At(145), 2780, IsOpen: true));

        var act = () => result.Should().HaveOutageBelow(TimeSpan.FromMinutes(2), "the head restarts in under a minute");

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected the longest outage after the disruption below 2 min because the head restarts in under a minute, " +
            "but it was 2 min 19 s (12:00:06.00–12:02:25.00 (open)); still down when monitoring ended.");
    }

    [Fact]
    public void No_outage_passes_and_reads_none()
    {
        var result = new ScenarioResult("HeadDisruption", T0);
        result.MarkDisruption(At(5), "delete ray-head-h1");
        result.Metrics.TotalDowntime = TimeSpan.Zero;

        result.Should().HaveOutageBelow(TimeSpan.FromMinutes(2));

        result.Checks.Single().Should().Be(new CheckResult("outage", "Longest outage after the disruption below 2 min", true, "< 2 min", "none"));
    }
}
