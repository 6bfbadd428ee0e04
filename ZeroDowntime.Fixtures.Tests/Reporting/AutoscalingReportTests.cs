using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Autoscaling;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

/// <summary>The Autoscaling scenario in the reports: its chart, its summary.json block and its console lines.</summary>
public sealed partial class AutoscalingReportTests
{
    private static readonly XNamespace Svg = TimelineChart.Svg;

    private static ScenarioResult Autoscaling()
    {
        var result = new ScenarioResult("Autoscaling", T0);
        result.Timeline.MonitoringStart = T0;
        result.Timeline.MonitoringEnd = At(60);
        result.Timeline.LoadAttempts = Attempts(AttemptSources.BuiltInLoad, count: 400, period: 0.1, failFrom: 99, failTo: 99, latencyMs: _ => 100);
        result.Timeline.Events =
        [
            .. new[] { "w1", "w2", "w3" }.Select(p => new ClusterEvent(T0, ClusterEventKind.PodReady, "worker", p, "uid-" + p)),
            new(At(20), ClusterEventKind.PodReady, "worker", "w4", "uid-w4"),
            new(At(21), ClusterEventKind.PodReady, "worker", "w5", "uid-w5"),
            new(At(50), ClusterEventKind.PodTerminating, "worker", "w4", "uid-w4"),
            new(At(50), ClusterEventKind.PodTerminating, "worker", "w5", "uid-w5"),
        ];
        var a = new AutoscalingTimeline
        {
            HpaName = "ray-worker", MinReplicas = 3, MaxReplicas = 5, ExpectedReplicas = 5, TargetUtilization = 50,
            Stages = [new LoadStage(5, TimeSpan.FromSeconds(6)), new LoadStage(25, TimeSpan.FromSeconds(3)), new LoadStage(120, TimeSpan.FromSeconds(30))],
            LoadStartedAt = T0, ScaledUpAt = At(21), LoadStoppedAt = At(32), ScaledDownAt = At(50),
        };
        a.Add(new HpaSnapshot(At(1), 0, 0, null, null, []));
        a.Add(new HpaSnapshot(At(16), 3, 5, 158, At(16), []));
        a.Add(new HpaSnapshot(At(49), 5, 3, 20, At(49), []));
        a.Add(new HpaEventRecord(At(16), "Normal", "SuccessfulRescale", "New size: 5; reason: cpu resource utilization (percentage of request) above target"));
        a.Add(new HpaEventRecord(At(49), "Normal", "SuccessfulRescale", "New size: 3; reason: All metrics below target"));
        a.Add(new CpuSample(At(15), 3, 474, 600, TimeSpan.FromSeconds(5)));
        a.Add(new CpuSample(At(25), 5, 480, 1000, TimeSpan.FromSeconds(5)));
        result.Autoscaling = a;
        result.Finish(At(60));
        return result;
    }

    [Fact]
    public void The_chart_draws_ready_and_desired_replicas_load_cpu_against_target_and_the_hpas_decisions()
    {
        var chart = AutoscalingChart.Render(Autoscaling())!;

        foreach (var series in new[] { "ready", "desired", "load-rate", "load-plan", "cpu" })
        {
            chart.Descendants(Svg + "path").Should().Contain(p => (string?)p.Attribute("class") == series, series);
        }

        chart.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "hpa-decision").Select(g => g.Element(Svg + "text")!.Value)
            .Should().Equal("→ 5", "→ 3");
        chart.Descendants(Svg + "text").Select(t => t.Value).Should().Contain(["5/s", "25/s", "120/s", "target 50%", "min 3", "max 5"]);
        chart.Descendants(Svg + "title").Select(t => t.Value).Should().Contain("12:00:15.00: 79% (474m of 600m, 3 pods)");
        var desired = (string)chart.Descendants(Svg + "path").Single(p => (string?)p.Attribute("class") == "desired").Attribute("d")!;
        desired.Should().NotContain(" 224", "the snapshot before the HPA's first sync (0 desired) is not drawn at zero");
    }

    [Fact]
    public void The_html_section_is_well_formed_and_names_the_stages_and_decisions()
    {
        var suite = new SuiteReport("run-1", T0);
        suite.Add(Autoscaling());

        var html = HtmlReport.Render(suite);

        html.Should().Contain("<h3>Autoscaling</h3>")
            .And.Contain("5/s from 12:00:00.00 for 6.0 s, 25/s from 12:00:06.00 for 3.0 s, 120/s from 12:00:09.00 (held)")
            .And.Contain("12.0 s after the step to the top stage (12:00:21.00)")
            .And.Contain("18.0 s after the load stopped (12:00:50.00)");
        SvgElement().Matches(html).Select(m => XElement.Parse(m.Value)).Should().HaveCount(2, "the timeline and the autoscaling chart");
    }

    [Fact]
    public void Summary_json_has_the_autoscaling_block()
    {
        var suite = new SuiteReport("run-1", T0);
        suite.Add(Autoscaling());

        using var json = JsonDocument.Parse(SummaryJson.Render(suite));
        var a = json.RootElement.GetProperty("tests")[0].GetProperty("autoscaling");

        a.GetProperty("hpa").GetString().Should().Be("ray-worker");
        a.GetProperty("scale_up_seconds").GetDouble().Should().Be(12);
        a.GetProperty("scale_down_seconds").GetDouble().Should().Be(18);
        a.GetProperty("stages").EnumerateArray().Select(s => (s.GetProperty("rate").GetDouble(), s.GetProperty("start").GetString())).Should().Equal(
            (5, "2025-01-01T12:00:00.000Z"), (25, "2025-01-01T12:00:06.000Z"), (120, "2025-01-01T12:00:09.000Z"));
        a.GetProperty("hpa_events").GetArrayLength().Should().Be(2);
        a.GetProperty("cpu")[0].GetProperty("utilization_percent").GetDouble().Should().Be(79);
        a.GetProperty("ready_replicas").EnumerateArray().Select(r => r.GetProperty("ready").GetInt32()).Should().Equal(3, 4, 5, 3);
    }

    [Fact]
    public void The_console_tells_the_stages_the_scale_up_the_scale_down_and_each_decision()
    {
        var text = ConsoleReport.ScenarioEnd(Autoscaling());

        text.Should().Contain("  Load: 5/s for 6.0 s, 25/s for 3.0 s, 120/s for 30.0 s, last held\n")
            .And.Contain("  Scaled up to 5 Ready 12.0 s after the step to the top stage\n")
            .And.Contain("  Back to 3 18.0 s after the load stopped\n")
            .And.Contain("  HPA 12:00:16.00 New size: 5; reason: cpu resource utilization (percentage of request) above target\n");
    }

    [GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    private static partial Regex SvgElement();
}
