using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

public partial class HtmlReportTests
{
    private static readonly XNamespace Svg = TimelineChart.Svg;

    [Fact]
    public void Each_scenario_with_a_timeline_gets_one_chart_and_every_chart_is_well_formed_svg()
    {
        var html = HtmlReport.Render(FullSuite());

        var charts = Charts(html);

        charts.Select(c => (string?)c.Attribute("data-scenario")).Should().Equal("node_drain", "sequential_disruptions", "head_disruption");
        Regex.Matches(html, "<section class=\"scenario\"").Count.Should().Be(4);
        html.Should().Contain("No load, probe or pod events were recorded for this scenario.", "pre-validation has checks only");
    }

    [Fact]
    public void The_chart_draws_the_markers_with_their_labels_and_shades_each_downtime_window()
    {
        var chart = TimelineChart.Render(Sequential())!;

        chart.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "marker").Select(g => (string?)g.Attribute("data-label"))
            .Should().Equal("delete ray-worker-w1", "delete ray-worker-w2", "delete ray-worker-w3");
        chart.Descendants(Svg + "text").Select(t => t.Value).Should().Contain(["delete ray-worker-w1", "delete ray-worker-w3", "100%", "0%"]);
        chart.Descendants(Svg + "rect").Count(r => (string?)r.Attribute("class") == "downtime-window").Should().Be(3);
        chart.Descendants(Svg + "title").Select(t => t.Value).Should().Contain("downtime 12:01:10.10–12:01:10.90 (0.8 s, 16 failed attempts)");
    }

    [Fact]
    public void The_chart_has_the_rate_the_latency_and_one_ready_lane_per_role()
    {
        var chart = TimelineChart.Render(NodeDrain())!;

        PathsOf(chart, "success-rate").Should().ContainSingle();
        PathsOf(chart, "probe-rate").Should().ContainSingle("load and probe both ran");
        PathsOf(chart, "latency-p95").Should().ContainSingle();
        chart.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "ready-lane").Select(g => (string?)g.Attribute("data-role"))
            .Should().Equal("worker", "head");
        chart.Descendants(Svg + "text").Select(t => t.Value).Should().Contain(["worker pods Ready (expected 3)", "12:00:00", "12:00:30", "time (UTC)"]);
    }

    [Fact]
    public void The_success_rate_line_dips_to_the_measured_rate()
    {
        var chart = TimelineChart.Render(NodeDrain())!;
        var path = (string)PathsOf(chart, "success-rate").Single().Attribute("d")!;

        // 12:00:02 and 12:00:03 have only failures (0%): the line reaches the panel's bottom, y = 264.
        path.Should().StartWith("M64 64").And.Contain("V264");
    }

    [Fact]
    public void The_page_is_self_contained_escaped_and_free_of_credentials()
    {
        var suite = FullSuite();
        suite.BeginScenario("Odd", T0, "<script>alert(1)</script>").Record(CheckResult.Fail("x", "token: s3cr3t-value leaked?"));

        var html = HtmlReport.Render(suite);

        html.Should().NotContainAny("<script", "https://", "src=\"", "url(", "@import", "abc.def.ghi", "s3cr3t-value");
        Regex.Matches(html, "http://[^\"]*").Select(m => m.Value).Distinct().Should().Equal(["http://www.w3.org/2000/svg"], "the SVG namespace is the only URL");
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.Contain("Bearer &lt;redacted&gt;");
    }

    [Fact]
    public void The_summary_table_links_every_scenario_and_sections_link_their_raw_files()
    {
        var html = HtmlReport.Render(FullSuite());

        Regex.Matches(html, "<td><a href=\"#([a-z_]+)\">").Select(m => m.Groups[1].Value)
            .Should().Equal("pre_validation", "node_drain", "sequential_disruptions", "head_disruption");
        html.Should().Contain("<a href=\"node_drain.requests.csv\">node_drain.requests.csv</a> · <a href=\"node_drain.events.jsonl\">node_drain.events.jsonl</a>");
        html.Should().Contain("<span class=\"badge error\">ERROR</span>").And.Contain("<td>94.9%</td>".Replace("<td>", "<dd>").Replace("</td>", "</dd>"));
    }

    [Fact]
    public void A_timeline_without_requests_says_so_instead_of_drawing_an_empty_rate()
    {
        var chart = TimelineChart.Render(HeadDisruptionHalfWay())!;

        chart.Descendants(Svg + "text").Select(t => t.Value).Should().Contain("No requests were recorded");
        PathsOf(chart, "success-rate").Should().BeEmpty();
        PathsOf(chart, "ready-count").Should().ContainSingle();
    }

    private static List<XElement> Charts(string html) =>
        SvgElement().Matches(html).Select(m => XElement.Parse(m.Value)).ToList();

    private static IEnumerable<XElement> PathsOf(XElement chart, string cssClass) =>
        chart.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == cssClass);

    [GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    private static partial Regex SvgElement();
}
