using FluentAssertions;
using ZeroDowntime.LocalCluster.Controllers.Autoscaling;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Controllers;

public sealed class HpaMathTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(3, 1.5, 5)]
    [InlineData(3, 1.05, 3)]
    [InlineData(3, 0.95, 3)]
    [InlineData(4, 0.5, 2)]
    [InlineData(2, 2.01, 5)]
    public void Desired_is_ceil_of_current_times_ratio_outside_the_tolerance(int current, double ratio, int expected) =>
        HpaMath.DesiredReplicas(current, ratio).Should().Be(expected);

    [Fact]
    public void Scale_down_waits_for_the_stabilization_window()
    {
        var history = new List<(DateTimeOffset, int)>();
        var window = TimeSpan.FromSeconds(300);
        HpaMath.Stabilize(5, 5, T0, TimeSpan.Zero, window, history).Should().Be(5);
        HpaMath.Stabilize(5, 2, T0.AddSeconds(60), TimeSpan.Zero, window, history).Should().Be(5);
        HpaMath.Stabilize(5, 2, T0.AddSeconds(301), TimeSpan.Zero, window, history).Should().Be(2);
    }

    [Fact]
    public void Scale_up_is_immediate_without_an_up_window()
    {
        var history = new List<(DateTimeOffset, int)> { (T0, 2) };
        HpaMath.Stabilize(2, 6, T0.AddSeconds(1), TimeSpan.Zero, TimeSpan.FromSeconds(300), history).Should().Be(6);
    }

    [Fact]
    public void Clamp_keeps_within_min_and_max()
    {
        HpaMath.Clamp(12, 1, 10).Should().Be(10);
        HpaMath.Clamp(0, 2, 10).Should().Be(2);
    }

    [Theory]
    [InlineData("250m", 250)]
    [InlineData("1", 1000)]
    [InlineData("1.5", 1500)]
    [InlineData("2k", 2_000_000)]
    public void Quantities_parse_to_milli_units(string text, double milli) => MilliQuantity.Of(text).Should().Be(milli);

    [Theory]
    [InlineData(250, "250m")]
    [InlineData(2000, "2")]
    [InlineData(1500.4, "1500m")]
    [InlineData(2_000_000, "2k")]
    public void Milli_units_format_as_the_API_writes_quantities(double milli, string text) => MilliQuantity.Format(milli).Should().Be(text);
}
