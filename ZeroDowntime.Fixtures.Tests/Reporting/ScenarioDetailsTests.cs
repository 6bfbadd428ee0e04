using System.Text.Json;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

/// <summary>A scenario's own facts (the chaos seed, the pods it picked, a partition's proof) in every report.</summary>
public sealed class ScenarioDetailsTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Details_keep_their_order_and_a_repeated_key_replaces_the_value_in_place()
    {
        var result = Chaos();
        result.Details.Set("seed", "Chaos seed", "43 (from ZD_CHAOS_SEED)");

        result.Details.All.Select(d => $"{d.Key}={string.Join("|", d.Values)}").Should().Equal(
            "seed=43 (from ZD_CHAOS_SEED)",
            "killed_pods=round 1: w-b (2nd of 3 by name) → w-x|round 1: w-c (3rd of 3 by name) → w-y");
    }

    [Fact]
    public void Summary_json_writes_details_as_strings_and_arrays()
    {
        var suite = new SuiteReport("zd-1", T0);
        suite.Add(Chaos());

        using var json = JsonDocument.Parse(SummaryJson.Render(suite));
        var details = json.RootElement.GetProperty("tests")[0].GetProperty("details");

        details.GetProperty("seed").GetString().Should().Be("42 (from ZD_CHAOS_SEED)");
        details.GetProperty("killed_pods").EnumerateArray().Select(e => e.GetString()).Should().Equal(
            "round 1: w-b (2nd of 3 by name) → w-x", "round 1: w-c (3rd of 3 by name) → w-y");
    }

    [Fact]
    public void The_console_and_the_html_report_show_every_detail()
    {
        var result = Chaos();
        var suite = new SuiteReport("zd-1", T0);
        suite.Add(result);

        ConsoleReport.ScenarioEnd(result).Should().StartWith(
            "  Chaos seed: 42 (from ZD_CHAOS_SEED)\n  Killed pods:\n    round 1: w-b (2nd of 3 by name) → w-x\n    round 1: w-c (3rd of 3 by name) → w-y\n");
        HtmlReport.Render(suite).Should().Contain("<tr><th>Chaos seed</th><td>42 (from ZD_CHAOS_SEED)</td></tr>")
            .And.Contain("<li>round 1: w-b (2nd of 3 by name) → w-x</li>");
    }

    [Fact]
    public void Additional_probe_attempts_go_to_the_raw_timeline_but_not_into_the_metrics()
    {
        var result = Chaos();
        result.Timeline.ProbeAttempts = [new AttemptRecord("probe", 0, T0, TimeSpan.FromMilliseconds(5), AttemptOutcome.Success, 200, AttemptErrorKind.None)];
        result.Timeline.AdditionalAttempts = [new AttemptRecord("probe-keep-alive", 0, T0, TimeSpan.FromSeconds(10), AttemptOutcome.Failure, null, AttemptErrorKind.Timeout)];
        result.ComputeMetrics();

        RawTimelineFiles.RequestsFileName(result).Should().Be("chaos.requests.csv");
        result.Metrics.TotalDowntime.Should().Be(TimeSpan.Zero, "only the main probe's attempts make downtime");
    }

    private static ScenarioResult Chaos()
    {
        var result = new ScenarioResult("Chaos", T0);
        result.Details.Set("seed", "Chaos seed", "42 (from ZD_CHAOS_SEED)");
        result.Details.Set("killed_pods", "Killed pods", ["round 1: w-b (2nd of 3 by name) → w-x", "round 1: w-c (3rd of 3 by name) → w-y"]);
        return result;
    }
}
