using Xunit;
using FluentAssertions;
using ZeroDowntime.Fixtures.Measurement;
using static ZeroDowntime.Fixtures.Tests.Measurement.Timelines;

namespace ZeroDowntime.Fixtures.Tests.Measurement;

public class SuccessRatesTests
{
    [Fact]
    public void An_interval_counts_attempts_whose_start_is_in_it_including_from_excluding_to()
    {
        var attempts = Pattern("SSFFSSSS"); // starts 0.00 .. 0.35

        var rate = SuccessRates.Over(attempts, At(0.05), At(0.25));

        rate.Should().Be(new SuccessRate(Attempts: 4, Successes: 2));
        rate.Ratio.Should().Be(0.5);
        rate.Failures.Should().Be(2);
    }

    [Fact]
    public void No_attempts_is_not_a_perfect_rate()
    {
        var rate = SuccessRates.Over(Pattern("SSS"), At(5), At(6));

        rate.Attempts.Should().Be(0);
        double.IsNaN(rate.Ratio).Should().BeTrue();
        (rate.Ratio > 0.95).Should().BeFalse("a threshold must fail when nothing was measured");
        rate.ToString().Should().Be("no attempts");
    }

    [Fact]
    public void Per_second_buckets_cover_the_interval_and_keep_empty_seconds()
    {
        var attempts = new[] { Ok(0.1), Fail(0.9), Ok(2.5), Ok(2.99), Fail(3.0) };

        var buckets = SuccessRates.PerSecond(attempts, At(0), At(3.5), AttemptTime.Start);

        buckets.Select(b => b.Rate).Should().Equal(
            new SuccessRate(2, 1), new SuccessRate(0, 0), new SuccessRate(2, 2), new SuccessRate(1, 0));
        buckets[0].Start.Should().Be(At(0));
        buckets[^1].Start.Should().Be(At(3));
        buckets[^1].End.Should().Be(At(3.5), "the last bucket stops at the interval's end");
    }

    [Fact]
    public void Overall_rate_formats_as_a_percentage_with_counts()
    {
        SuccessRates.Overall(Pattern("SSSF")).ToString().Should().Be("75.00% (3/4)");
    }
}
