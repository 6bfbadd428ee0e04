using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

/// <summary>What the reports say about when and how the service failed (issue 17).</summary>
public class PartialOutageReportTests
{
    /// <summary>Probe every 50 ms round-robin over three backends, the first dead for [1.0, 4.5).</summary>
    private static ScenarioResult RoundRobinOverADeadBackend()
    {
        var result = new ScenarioResult("SingleWorkerDisruption", T0) { Index = 1, Total = 1 };
        result.Timeline.MonitoringStart = T0;
        result.Timeline.MonitoringEnd = At(6);
        result.Timeline.ProbeAttempts = Enumerable.Range(0, 120).Select(k =>
        {
            var start = At(k * 0.05);
            return k * 0.05 is >= 1.0 and < 4.499 && (k - 20) % 3 == 0
                ? new AttemptRecord(AttemptSources.Probe, k, start, TimeSpan.FromMilliseconds(1), AttemptOutcome.Failure, null, AttemptErrorKind.ConnectionRefused, "refused")
                : new AttemptRecord(AttemptSources.Probe, k, start, TimeSpan.FromMilliseconds(10), AttemptOutcome.Success, 200, AttemptErrorKind.None);
        }).ToList();
        result.MarkDisruption(At(1.0), "delete ray-worker-w1");
        result.ComputeMetrics(null);
        result.Finish(At(6));
        return result;
    }

    [Fact]
    public void A_partial_outage_is_reported_as_one_degraded_window_with_its_error_rate_and_the_strict_windows_are_capped()
    {
        var result = RoundRobinOverADeadBackend();

        var text = ConsoleReport.ScenarioEnd(result);

        text.Should().Contain("  Downtime: 1.4 s in 24 windows (12:00:01.00–12:00:01.06, 12:00:01.15–12:00:01.21, 12:00:01.30–12:00:01.36, … and 21 more)");
        text.Should().Contain("  Degraded: 3.5 s at 34.3% errors (12:00:01.00–12:00:04.51, 24 of 70 failed)");
        var suite = new SuiteReport("run", T0);
        suite.Add(result);
        var html = HtmlReport.Render(suite);
        html.Should().Contain("3.5 s at 34.3% errors").And.Contain("… and 21 more");
    }

    [Fact]
    public void Summary_json_carries_the_degraded_window_and_the_start_based_figure()
    {
        var suite = new SuiteReport("run", T0);
        suite.Add(RoundRobinOverADeadBackend());

        using var doc = JsonDocument.Parse(SummaryJson.Render(suite));
        var metrics = doc.RootElement.GetProperty("tests")[0].GetProperty("metrics");

        metrics.GetProperty("downtime_time_basis").GetString().Should().Be("seen");
        metrics.GetProperty("total_downtime_by_start_seconds").GetDouble().Should().Be(1.2, "24 refused attempts sent 50 ms before the next success");
        metrics.GetProperty("downtime_windows_by_start").GetArrayLength().Should().Be(24);
        var degraded = metrics.GetProperty("degraded_windows").EnumerateArray().Should().ContainSingle().Subject;
        degraded.GetProperty("start").GetString().Should().Be("2025-01-01T12:00:01.001Z");
        degraded.GetProperty("end").GetString().Should().Be("2025-01-01T12:00:04.510Z");
        degraded.GetProperty("attempts").GetInt32().Should().Be(70);
        degraded.GetProperty("failed_attempts").GetInt32().Should().Be(24);
        degraded.GetProperty("error_rate").GetDouble().Should().Be(34.29);
    }

    [Fact]
    public void Slow_load_requests_reset_at_a_kill_put_the_downtime_at_the_kill_marker_not_before_it()
    {
        // Requests of 3 s every 0.5 s, no probe; the pod is deleted at 3.2 s and resets all in flight.
        var result = new ScenarioResult("SingleWorkerDisruption", T0) { Index = 1, Total = 1 };
        result.Timeline.MonitoringStart = T0;
        result.Timeline.MonitoringEnd = At(10);
        result.Timeline.LoadAttempts = Enumerable.Range(0, 13).Select(k =>
        {
            var start = k * 0.5;
            return start is > 0 and < 3.2
                ? new AttemptRecord(AttemptSources.BuiltInLoad, k, At(start), TimeSpan.FromSeconds(3.2 - start), AttemptOutcome.Failure, null, AttemptErrorKind.ConnectionReset, "reset")
                : new AttemptRecord(AttemptSources.BuiltInLoad, k, At(start), TimeSpan.FromSeconds(3), AttemptOutcome.Success, 200, AttemptErrorKind.None);
        }).ToList();
        result.MarkDisruption(At(3.2), "delete ray-worker-w1");
        result.ComputeMetrics(LoadSummary.FromAttempts("builtin", result.Timeline.LoadAttempts.ToList(), droppedIterations: 0, TimeSpan.FromSeconds(10)));

        result.Metrics.DowntimeWindows.Should().ContainSingle().Which.Start.Should().Be(At(3.2));
        result.Metrics.DowntimeWindowsByStart.Should().ContainSingle().Which.Start.Should().Be(At(0.5), "the start-based figure: requests sent from 0.5 s failed");
        ConsoleReport.ScenarioEnd(result).Should().Contain("  Downtime: 3.3 s in 1 window (12:00:03.20–12:00:06.50)");

        // On the chart, every failure tick and the downtime band sit at or right of the kill marker's line
        // (placed by start, the load's failures would be drawn from 0.5 s, left of it).
        result.Timeline.LoadStartedAt = T0;
        var svg = TimelineChart.Render(result)!;
        double X(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);
        var markerX = X(svg.Descendants().Single(e => (string?)e.Attribute("class") == "marker").Elements().First(e => e.Name.LocalName == "line"), "x1");
        var ticks = svg.Descendants().Where(e => ((string?)e.Attribute("class"))?.StartsWith("failure-tick", StringComparison.Ordinal) == true)
            .Select(t => X(t.Elements().Single(e => e.Name.LocalName == "line"), "x1")).ToList();
        ticks.Should().NotBeEmpty().And.OnlyContain(x => x >= markerX - 0.5, "the resets were seen at the kill, at x = {0}", markerX);
        X(svg.Descendants().Single(e => (string?)e.Attribute("class") == "downtime-window"), "x").Should().BeGreaterThanOrEqualTo(markerX - 0.5);
    }

    [Fact]
    public void The_chart_spans_from_load_start_and_marks_every_failure_and_the_degraded_window()
    {
        var result = RoundRobinOverADeadBackend();
        result.Timeline.MonitoringStart = At(1.0); // as DisruptionRun sets it: the first disruption
        result.Timeline.LoadStartedAt = T0;

        var svg = TimelineChart.Render(result)!;
        var text = svg.ToString();

        TimelineChart.Range(result.Timeline).Should().Be((T0, At(6)), "the baseline before the disruption is on the chart");
        var ticks = svg.Descendants().Where(e => (string?)e.Attribute("class") == "failure-tick probe").ToList();
        ticks.Sum(t => (int)t.Attribute("data-count")!).Should().Be(24, "every failed attempt is marked");
        text.Should().Contain("degraded-window").And.Contain("degraded 3.5 s at 34.3% errors");
    }
}
