using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Fixtures.Tests.Configuration;

public class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m0s", 120_000)]
    public void Durations_are_a_number_and_a_unit_optionally_repeated(string text, int milliseconds)
    {
        DurationText.TryParse(text, out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("30")]
    [InlineData("")]
    [InlineData("30 s")]
    [InlineData("-5s")]
    [InlineData("5 minutes")]
    [InlineData("00:05:00")]
    [InlineData("s")]
    public void Anything_else_is_refused(string text)
    {
        DurationText.TryParse(text, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(250, "250ms")]
    [InlineData(3_600_000, "1h")]
    [InlineData(7_500_500, "2h5m500ms")]
    [InlineData(0, "0s")]
    public void Format_writes_what_TryParse_reads(int milliseconds, string text)
    {
        DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)).Should().Be(text);
        DurationText.TryParse(text, out var back).Should().BeTrue();
        back.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
    }
}
