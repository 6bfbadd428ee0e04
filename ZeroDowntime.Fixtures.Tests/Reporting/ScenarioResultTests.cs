using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

public class ScenarioResultTests
{
    [Fact]
    public void An_unfinished_scenario_reads_as_an_error_so_a_report_written_after_a_crash_does_not_claim_a_pass()
    {
        var result = new ScenarioResult("NodeDrain", T0);

        result.Status.Should().Be(ScenarioStatus.Error);
        result.Finish(At(10));
        result.Status.Should().Be(ScenarioStatus.Pass);
        result.Duration.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_failed_check_fails_the_scenario_and_an_error_wins_over_a_failure()
    {
        var result = new ScenarioResult("NodeDrain", T0);
        result.Record(CheckResult.Fail("termination", "Pod terminated within 1 min"));
        result.Finish(At(10));
        result.Status.Should().Be(ScenarioStatus.Fail);

        result.Error(new TimeoutException("watch ended"));
        result.Fail("later assertion");

        result.Status.Should().Be(ScenarioStatus.Error);
        result.Failures.Should().Equal("TimeoutException: watch ended", "later assertion");
    }

    [Fact]
    public void The_suite_numbers_scenarios_and_counts_availability_over_all_requests_not_an_average_of_rates()
    {
        var suite = new SuiteReport("run-1", T0) { ExpectedScenarioCount = 7 };
        var small = suite.BeginScenario("Small", T0);
        small.Metrics.TotalRequests = 10;
        small.Metrics.SuccessfulRequests = 5;
        var big = suite.BeginScenario("Big", T0);
        big.Metrics.TotalRequests = 990;
        big.Metrics.SuccessfulRequests = 985;
        suite.BeginScenario("NoLoad", T0);

        (big.Index, big.Total).Should().Be((2, 7));
        suite.OverallAvailabilityPercent.Should().BeApproximately(99.0, 1e-9);
    }

    [Fact]
    public void Metrics_come_from_the_timelines()
    {
        var metrics = NodeDrain().Metrics;

        (metrics.TotalRequests, metrics.SuccessfulRequests).Should().Be((300L, 274L));
        metrics.DowntimeWindows.Should().ContainSingle().Which.Start.Should().Be(At(1.201), "the first refusal was seen 1 ms after it was sent");
        metrics.TotalDowntime.Should().Be(TimeSpan.FromSeconds(3.655));
        metrics.TotalDowntimeByStart.Should().Be(TimeSpan.FromSeconds(3.65));
        metrics.MinReady.Should().Equal(new Dictionary<string, int> { ["worker"] = 2, ["head"] = 1 });
        metrics.RecoveryTime("worker").Should().Be(TimeSpan.FromSeconds(3.4));
        metrics.OverallRecoveryTime.Should().Be(TimeSpan.FromSeconds(3.4));
        metrics.TerminationTime.Should().Be(TimeSpan.FromSeconds(5));
        metrics.LoadGenerator.Should().Be("builtin");
        metrics.LatencyP95.Should().Be(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Without_load_the_probe_gives_the_request_numbers_and_without_anything_they_stay_unknown()
    {
        var probeOnly = new ScenarioResult("PostValidation", T0);
        probeOnly.Timeline.ProbeAttempts = Attempts("probe", count: 10, period: 0.1, failFrom: 0.5, failTo: 0.6, latencyMs: _ => 5);
        probeOnly.ComputeMetrics();
        var nothing = new ScenarioResult("Empty", T0);
        nothing.ComputeMetrics();

        (probeOnly.Metrics.TotalRequests, probeOnly.Metrics.SuccessfulRequests, probeOnly.Metrics.LoadGenerator).Should().Be((10L, 9L, "probe"));
        probeOnly.Metrics.TotalDowntime.Should().Be(TimeSpan.FromSeconds(0.104), "refused 1 ms after 0.5 s, answered 5 ms after 0.6 s");
        (nothing.Metrics.TotalRequests, nothing.Metrics.TotalDowntime, nothing.Metrics.OverallRecoveryTime).Should().Be((null, null, null));
    }
}
