using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Load;

namespace ZeroDowntime.Fixtures.Tests.Autoscaling;

public sealed class LoadStagesTests
{
    [Fact]
    public void Stages_parse_as_rate_and_duration_steps()
    {
        LoadStages.Parse("5:30s, 10:30s,20:1m,0.5:2m").Should().Equal(
            new LoadStage(5, TimeSpan.FromSeconds(30)), new LoadStage(10, TimeSpan.FromSeconds(30)),
            new LoadStage(20, TimeSpan.FromMinutes(1)), new LoadStage(0.5, TimeSpan.FromMinutes(2)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5:")]
    [InlineData(":30s")]
    [InlineData("5:30")]
    [InlineData("0:30s")]
    [InlineData("-1:30s")]
    [InlineData("5:0s")]
    [InlineData("5:30s,")]
    public void Malformed_zero_or_negative_stages_do_not_parse(string text) => LoadStages.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void Attempt_k_is_due_where_the_stages_cumulative_count_reaches_k()
    {
        var stages = LoadStages.Parse("5:2s,20:1s");

        LoadStages.DueTime(stages, 0).Should().Be(0);
        LoadStages.DueTime(stages, 9).Should().BeApproximately(1.8, 1e-9);
        LoadStages.DueTime(stages, 10).Should().BeApproximately(2.0, 1e-9);   // the first attempt of the 20/s stage
        LoadStages.DueTime(stages, 11).Should().BeApproximately(2.05, 1e-9);
        LoadStages.DueTime(stages, 40).Should().BeApproximately(3.5, 1e-9);   // past the last stage its rate holds
    }

    [Fact]
    public void The_rate_in_force_follows_the_stages_and_then_holds()
    {
        var stages = LoadStages.Parse("5:2s,20:1s");

        LoadStages.RateAt(stages, TimeSpan.FromSeconds(1.9)).Should().Be(5);
        LoadStages.RateAt(stages, TimeSpan.FromSeconds(2)).Should().Be(20);
        LoadStages.RateAt(stages, TimeSpan.FromMinutes(5)).Should().Be(20);
        LoadStages.Starts(stages).Should().Equal(TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Stages_print_for_settings_and_for_reports()
    {
        var stages = LoadStages.Parse("5:30s,10:30s,20:60s");

        LoadStages.ToText(stages).Should().Be("5:30s,10:30s,20:1m");
        LoadStages.Format(stages).Should().Be("5/s for 30.0 s, 10/s for 30.0 s, 20/s for 1 min");
    }
}
