using System.Text.Json;
using System.Xml.Linq;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Connections;

/// <summary>Where a rolling upgrade's connection counts appear: summary.json, the console's per-pod tables, the HTML chart, the raw file.</summary>
public sealed class ConnectionReportingTests
{
    [Fact]
    public void Summary_json_carries_the_connection_counts_under_connections_and_null_for_other_scenarios()
    {
        var suite = new SuiteReport("run-1", T0);
        suite.Add(SampleUpgrade.Result());
        suite.Add(NodeDrain());

        using var json = JsonDocument.Parse(SummaryJson.Render(suite));
        var tests = json.RootElement.GetProperty("tests");
        var c = tests[0].GetProperty("connections");

        c.GetProperty("scheduler").GetString().Should().Be("lc (zerodowntime.io/lb-scheduler)");
        c.GetProperty("open_on_old_pods").GetInt32().Should().Be(4);
        c.GetProperty("lost").GetInt32().Should().Be(5);
        c.GetProperty("lost_per_pod").GetProperty("old-b").GetInt32().Should().Be(3);
        c.GetProperty("lost_again").GetInt32().Should().Be(1);
        c.GetProperty("lasting").GetInt32().Should().Be(4);
        c.GetProperty("lasting_per_pod").GetProperty("new-a").GetInt32().Should().Be(2);
        c.GetProperty("failed_connects").GetInt32().Should().Be(1);
        c.GetProperty("not_reconnected").GetInt32().Should().Be(0);
        c.GetProperty("requests").GetProperty("failed_not_lost").GetInt64().Should().Be(0);
        c.GetProperty("rollout_seconds").GetDouble().Should().Be(3.6);
        c.GetProperty("new_pods").EnumerateArray().Select(p => p.GetString()).Should().Equal("new-a", "new-b");
        c.GetProperty("rollout_steps").GetArrayLength().Should().Be(3);
        tests[0].GetProperty("files").GetProperty("connections").GetString().Should().Be("rolling_upgrade.connections.jsonl");
        tests[1].GetProperty("connections").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void The_console_prints_lost_connections_per_old_pod_and_lasting_ones_per_new_pod()
    {
        var text = ConsoleReport.ScenarioEnd(SampleUpgrade.Result());

        text.Should().Contain("""
              Connections: 4 at 5/s through ray-serve-connections (scheduler lc (zerodowntime.io/lb-scheduler); builtin)
              Rollout: deployment/ray-worker ray-worker=zerodowntime/mock-vllm:upgraded complete in 3.6 s (2 replicas, maxSurge 1, maxUnavailable 0)
              Lost connections: 5 (4 open on old pods when the image changed, 1 lost again)
                old-a 2
                old-b 3
              Lasting connections: 4
                new-a 2
                new-b 2
              Failed connects: 1
              Requests: 199 sent, 198 answered, 1 failed (0 on connections not lost)

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_html_draws_connections_per_pod_with_the_lost_ones_and_the_rollout_steps()
    {
        var result = SampleUpgrade.Result();

        var svg = TimelineChart.RenderConnections(result)!;
        var html = HtmlReport.Render(SuiteWith(result));

        var ns = TimelineChart.Svg;
        svg.Descendants(ns + "path").Where(p => (string?)p.Attribute("class") == "pod-connections").Select(p => p.Element(ns + "title")!.Value)
            .Should().BeEquivalentTo("old-a (old pod)", "old-b (old pod)", "new-a (new pod)", "new-b (new pod)");
        svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("class") == "lost-connections").Elements(ns + "line").Should().HaveCount(5);
        svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("class") == "rollout-steps").Elements(ns + "text").Select(t => t.Value)
            .Should().Equal("set image", "1/2 updated", "2/2 updated", "rollout complete", "old pods gone");
        svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("class") == "rollout-steps").Elements(ns + "line").Should().HaveCount(6, "every status change is drawn");
        html.Should().Contain("<svg class=\"connections\"").And.Contain("5 lost (4 open on old pods), 4 lasting, 1 failed connects")
            .And.Contain("rolling_upgrade.connections.jsonl");
    }

    [Fact]
    public async Task The_raw_connections_file_has_one_record_per_line()
    {
        var result = SampleUpgrade.Result();
        var folder = Directory.CreateTempSubdirectory("zd-conn-");
        try
        {
            var written = await RawTimelineFiles.WriteAsync(result, folder.FullName);

            written.Should().Contain("rolling_upgrade.connections.jsonl");
            var lines = await File.ReadAllLinesAsync(Path.Combine(folder.FullName, "rolling_upgrade.connections.jsonl"));
            lines.Should().HaveCount(10).And.OnlyContain(l => l.StartsWith("{\"slot\":", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static SuiteReport SuiteWith(ScenarioResult result)
    {
        var suite = new SuiteReport("run-1", T0);
        suite.Add(result);
        return suite;
    }
}
