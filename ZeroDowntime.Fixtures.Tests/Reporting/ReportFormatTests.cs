using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

public class ReportFormatTests
{
    [Theory]
    [InlineData(0, "0.0 s")]
    [InlineData(3.44, "3.4 s")]
    [InlineData(59.94, "59.9 s")]
    [InlineData(59.96, "1 min")]
    [InlineData(125, "2 min 05 s")]
    [InlineData(600, "10 min")]
    [InlineData(3725, "1 h 02 min 05 s")]
    [InlineData(-1.5, "-1.5 s")]
    public void Durations_read_in_seconds_below_a_minute_and_in_minutes_above(double seconds, string expected) =>
        ReportFormat.Duration(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    [Fact]
    public void Missing_values_read_not_available()
    {
        ReportFormat.Duration(null).Should().Be("n/a");
        ReportFormat.Percent(null).Should().Be("n/a");
        ReportFormat.Percent(double.NaN).Should().Be("n/a");
        ReportFormat.Milliseconds(null).Should().Be("n/a");
    }

    [Fact]
    public void Times_are_utc_with_hundredths_whatever_the_offset()
    {
        var local = new DateTimeOffset(2025, 1, 1, 14, 0, 1, 205, TimeSpan.FromHours(2));

        ReportFormat.Time(local).Should().Be("12:00:01.20");
    }

    [Fact]
    public void Percentages_have_one_decimal_and_thresholds_none_unless_needed()
    {
        ReportFormat.Percent(91.333).Should().Be("91.3%");
        ReportFormat.Percent(100).Should().Be("100.0%");
        ReportFormat.Threshold(95).Should().Be("95%");
        ReportFormat.Threshold(99.5).Should().Be("99.5%");
    }

    [Fact]
    public void Windows_show_both_ends_and_whether_they_stayed_open()
    {
        ReportFormat.Window(new DowntimeWindow(At(1.2), At(4.85), 73, IsOpen: false)).Should().Be("12:00:01.20–12:00:04.85");
        ReportFormat.Window(new DowntimeWindow(At(1.2), At(30), 573, IsOpen: true)).Should().Be("12:00:01.20–12:00:30.00 (open)");
    }

    [Theory]
    [InlineData("NodeDrain", "node_drain", "Node Drain")]
    [InlineData("PreValidation", "pre_validation", "Pre Validation")]
    [InlineData("SingleWorkerDisruption", "single_worker_disruption", "Single Worker Disruption")]
    [InlineData("HTTPCheck2", "http_check2", "HTTP Check2")]
    [InlineData("after recovery", "after_recovery", "after recovery")]
    public void Scenario_names_give_the_seed_key_and_a_heading(string name, string key, string display)
    {
        ScenarioNames.ToKey(name).Should().Be(key);
        ScenarioNames.ToDisplayName(name).Should().Be(display);
    }
}
