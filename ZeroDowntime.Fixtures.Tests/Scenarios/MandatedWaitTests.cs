using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Scenarios;

namespace ZeroDowntime.Fixtures.Tests.Scenarios;

public class MandatedWaitTests
{
    [Fact]
    public async Task A_hold_adds_its_prescribed_length_to_the_scenario()
    {
        var result = new ScenarioResult("NodeDrain", MeasurementClock.UtcNow);

        await MandatedWait.HoldAsync(result, TimeSpan.FromMilliseconds(50), "the test's hold");
        await MandatedWait.HoldAsync(result, TimeSpan.Zero, "nothing");

        result.MandatedWaits.Should().Be(TimeSpan.FromMilliseconds(50), "the prescribed length counts, not the timer's lateness");
    }

    [Fact]
    public async Task A_cancelled_hold_adds_only_the_time_held()
    {
        var result = new ScenarioResult("NodeDrain", MeasurementClock.UtcNow);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var hold = () => MandatedWait.HoldAsync(result, TimeSpan.FromMinutes(1), "the test's hold", cancel.Token);

        await hold.Should().ThrowAsync<OperationCanceledException>();
        result.MandatedWaits.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThan(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void The_rest_of_a_finished_scenario_is_its_duration_beyond_the_waits()
    {
        var start = MeasurementClock.UtcNow;
        var result = new ScenarioResult("NodeDrain", start);
        result.AddMandatedWait(TimeSpan.FromSeconds(8));

        result.BeyondMandatedWaits.Should().BeNull("an unfinished scenario has no duration yet");
        result.Finish(start + TimeSpan.FromSeconds(10.4));
        result.BeyondMandatedWaits.Should().Be(TimeSpan.FromSeconds(2.4));
    }
}
