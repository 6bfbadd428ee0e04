using System.Text.Json;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

public sealed class RunReporterTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("zd-reporter-");

    [Fact]
    public async Task A_run_writes_the_console_view_to_stdout_and_console_log_and_every_report_file()
    {
        var suite = new SuiteReport("run-1", T0) { ExpectedScenarioCount = 2 };
        var console = new StringWriter { NewLine = "\n" };
        var reporter = new RunReporter(suite, _dir.FullName, console);
        var drain = NodeDrain();
        suite.Add(drain);
        reporter.ScenarioStarted(drain);
        await reporter.ScenarioFinishedAsync(drain);
        await reporter.CompleteAsync(At(50));

        console.ToString().ReplaceLineEndings("\n").Should().Be(await File.ReadAllTextAsync(reporter.ConsoleLogPath))
            .And.Contain("\n[1/2] Node Drain\n").And.Contain("=== Test Summary ===\nTests Run: 1\n");
        Directory.GetFiles(_dir.FullName).Select(Path.GetFileName).Should().BeEquivalentTo(
            "console.log", "summary.json", "report.html", "node_drain.requests.csv", "node_drain.events.jsonl");
    }

    [Fact]
    public async Task The_raw_timelines_read_back_to_the_same_attempts_and_carry_the_markers()
    {
        var drain = NodeDrain();
        var reporter = new RunReporter(new SuiteReport("run-1", T0), _dir.FullName, TextWriter.Null);

        await reporter.ScenarioFinishedAsync(drain);

        var attempts = await RequestsCsv.ReadAsync(Path.Combine(_dir.FullName, "node_drain.requests.csv"));
        attempts.Should().HaveCount(900);
        Downtime.Windows(attempts.Where(a => a.Source == AttemptSources.Probe)).Should().Equal(drain.Metrics.DowntimeWindows);
        var events = await EventsJsonl.ReadAsync(Path.Combine(_dir.FullName, "node_drain.events.jsonl"));
        events.Where(e => e.Kind == ClusterEventKind.Marker).Select(e => e.Detail).Should().Equal("cordon zd-node-2", "evict ray-worker-w2", "uncordon zd-node-2");
        events.Select(e => e.Time).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task Reports_written_mid_scenario_are_complete_documents_that_call_it_an_error()
    {
        var suite = new SuiteReport("run-1", T0);
        var reporter = new RunReporter(suite, _dir.FullName, TextWriter.Null);
        var running = suite.BeginScenario("NodeDrain", T0);
        running.MarkDisruption(At(1), "evict ray-worker-w2");

        await reporter.WriteReportsAsync();

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(reporter.SummaryPath));
        json.RootElement.GetProperty("tests")[0].GetProperty("status").GetString().Should().Be("error");
        (await File.ReadAllTextAsync(reporter.HtmlPath)).Should().EndWith("</html>\n");
        Directory.GetFiles(_dir.FullName, "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public async Task Completing_twice_prints_the_summary_once()
    {
        var console = new StringWriter();
        var reporter = new RunReporter(new SuiteReport("run-1", T0), _dir.FullName, console);

        await reporter.CompleteAsync(At(10));
        await reporter.CompleteAsync(At(20));

        console.ToString().Split("=== Test Summary ===").Should().HaveCount(2);
        reporter.Suite.Duration.Should().Be(TimeSpan.FromSeconds(10));
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
