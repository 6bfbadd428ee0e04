using Xunit;
using FluentAssertions;
using ZeroDowntime.Fixtures.Measurement;
using static ZeroDowntime.Fixtures.Tests.Measurement.Timelines;

namespace ZeroDowntime.Fixtures.Tests.Measurement;

public class PercentilesTests
{
    private static readonly TimeSpan[] OneToTwenty = Enumerable.Range(1, 20).Select(i => TimeSpan.FromMilliseconds(i)).Reverse().ToArray();

    [Theory]
    [InlineData(50, 10)]
    [InlineData(95, 19)] // rank ceil(0.95 * 20) = 19 exactly, not 20 through floating-point error
    [InlineData(99, 20)]
    [InlineData(100, 20)]
    [InlineData(0, 1)]
    [InlineData(5, 1)]
    [InlineData(5.01, 2)]
    public void Nearest_rank_returns_the_value_at_rank_ceil_p_n(double percentile, int expectedMs)
    {
        Percentiles.NearestRank(OneToTwenty, percentile).Should().Be(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Fact]
    public void Empty_input_has_no_percentile()
    {
        Percentiles.NearestRank([], 99).Should().BeNull();
    }

    [Fact]
    public void A_percentile_outside_0_to_100_is_rejected()
    {
        var act = () => Percentiles.NearestRank(OneToTwenty, 101);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("A percentile must be between 0 and 100.*");
    }

    [Fact]
    public void Latency_distribution_is_exact_over_all_attempts_including_failures()
    {
        // 98 fast successes and two 30 s timeouts: p99 must see a timeout; a mean of percentiles would not.
        var attempts = Enumerable.Range(0, 98).Select(i => Ok(i * 0.05, latencyMs: 10 + i))
            .Append(Fail(5, 30_000, AttemptErrorKind.Timeout)).Append(Fail(5.05, 30_000, AttemptErrorKind.Timeout))
            .ToList();

        var distribution = LatencyDistribution.Of(attempts);

        distribution.Should().Be(new LatencyDistribution(
            Count: 100,
            Min: TimeSpan.FromMilliseconds(10),
            P50: TimeSpan.FromMilliseconds(59),
            P95: TimeSpan.FromMilliseconds(104),
            P99: TimeSpan.FromSeconds(30),
            Max: TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Latency_distribution_of_nothing_has_no_values()
    {
        LatencyDistribution.Of([]).Should().Be(new LatencyDistribution(0, null, null, null, null, null));
    }
}
