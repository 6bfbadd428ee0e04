using FluentAssertions;
using Xunit;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Assertions;

/// <summary>A load generator that died mid-run: the success-rate verdicts name the death instead of a rate over half a load.</summary>
public sealed class LoadGeneratorStopAssertionTests
{
    private static ScenarioResult DrainWithDeadLoad()
    {
        var result = NodeDrain();
        result.Timeline.LoadGeneratorStopped = new LoadGeneratorStop("k6", At(3.1), "the k6 pod was deleted while it ran", 42);
        return result;
    }

    [Fact]
    public void The_success_rate_verdict_says_when_and_why_the_generator_stopped_and_how_many_attempts_came_before()
    {
        var result = DrainWithDeadLoad();

        var act = () => result.Should().HaveSuccessRateAbove(90, "during the drain");

        act.Should().Throw<XunitException>().Which.Message.Should().Be(
            "Expected success rate above 90% during the drain, but the load generator (k6) stopped at 12:00:03.10 " +
            "(the k6 pod was deleted while it ran); 42 attempts recorded before it.");
        result.Checks.Should().ContainSingle().Which.Should().Be(
            CheckResult.Fail("success_rate", "Success rate above 90% during the drain", "> 90%", "n/a (the load generator stopped at 12:00:03.10)"));
    }

    [Fact]
    public void A_window_that_ended_before_the_generator_stopped_is_judged_on_its_rate()
    {
        var result = DrainWithDeadLoad();

        result.Should().HaveSuccessRateAbove(90, "before the drain", T0, At(0.5));

        result.Checks.Should().ContainSingle().Which.Passed.Should().BeTrue("the load was whole until 12:00:03.10");
    }
}
