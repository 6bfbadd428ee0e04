using FluentAssertions;
using Xunit;
using Xunit.Sdk;
using ZeroDowntime.Fixtures.Assertions;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

public class ConsoleReportTests
{
    [Fact]
    public void A_scenario_prints_its_heading_markers_measurements_checks_and_status()
    {
        var result = NodeDrain();
        result.Should().HaveSuccessRateAbove(90, "during the drain").And.HaveAtLeastReadyThroughout("worker", 2);
        try
        {
            result.Should().RecoverWithin("worker", TimeSpan.FromSeconds(2));
        }
        catch (XunitException ex)
        {
            result.Fail(ex.Message);
        }

        var text = ConsoleReport.ScenarioStart(result) + ConsoleReport.ScenarioEnd(result);

        text.Should().Be(
            """

            [3/7] Node Drain
              12:00:00.90 cordon zd-node-2
              12:00:01.00 evict ray-worker-w2
              12:00:20.00 uncordon zd-node-2
              Success rate: 91.3% (274/300)
              Latency: builtin load, p50 70 ms, p95 100 ms, p99 100 ms
              Downtime: 3.7 s in 1 window (12:00:01.20–12:00:04.85)
              Pod terminated in 5.0 s
              New worker pod ready in 3.4 s
              ✓ Success rate above 90% during the drain: 91.3% (274 of 300)
              ✓ At least 2 worker pods Ready throughout: minimum 2
              ✗ Worker pods back to 3 Ready within 2.0 s: 3.4 s (expected ≤ 2.0 s)
              Status: FAIL
              Failure: Expected worker pods back to 3 Ready within 2.0 s of the disruption, but it took 3.4 s (disrupted 12:00:01.00, back 12:00:04.40).

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_summary_block_counts_verdicts_and_states_availability_over_all_requests()
    {
        var text = ConsoleReport.Summary(FullSuite(), "/results/report.html");

        text.Should().Be(
            """

            Post-validation problem: head pods: expected 1 Ready, found 0
            === Test Summary ===
            Tests Run: 4
            Passed: 2
            Failed: 2
            Overall Availability: 94.9%
            Total Test Duration: 3 min 40 s
            Report: /results/report.html

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_scenario_that_stopped_half_way_prints_what_it_has_and_masks_credentials()
    {
        var text = ConsoleReport.ScenarioEnd(HeadDisruptionHalfWay());

        text.Should().Be(
            """
              12:02:55.00 delete ray-head-h1
              Status: ERROR
              Failure: HttpRequestException: watch on pods ended: Authorization: Bearer <redacted> was rejected

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_header_names_the_run_the_cluster_the_folder_and_the_repairs()
    {
        var text = ConsoleReport.Header(Suite(), "/results");

        text.Should().Be(
            """
            === ZeroDowntime Test Suite ===
            Run: 20250101-115940-ab12
            Cluster: local (embedded), context zd-local
            Profile: local
            Results directory: /results
            Repaired: uncordoned zd-node-1 (cordoned by run 20241231-090000-ffff)

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_skipped_scenario_gives_its_reason_and_a_missing_total_reads_not_available()
    {
        var suite = new SuiteReport("r", T0);
        suite.BeginScenario("RedisDisruption", T0).Skip("skipped: step 1 'Start the load' failed");

        ConsoleReport.ScenarioEnd(suite.Scenarios[0]).Should().Be("  Status: SKIPPED\n  Reason: skipped: step 1 'Start the load' failed\n");
        ConsoleReport.Summary(suite).Should().Be(
            "\n=== Test Summary ===\nTests Run: 0\nPassed: 0\nFailed: 0\nSkipped: 1\nOverall Availability: n/a\nTotal Test Duration: n/a\n");
    }
}
