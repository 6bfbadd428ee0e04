using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

/// <summary>
/// The disk fills mid-run: a report file that cannot be written is one sentence (what, where, the OS error, what was
/// written), nothing throws, the verdicts stand and files written before stay. The disk is simulated (<see cref="FullDisk"/>).
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("zd-full-disk-");

    [Fact]
    public async Task A_full_disk_at_summary_json_is_one_sentence_and_the_raw_timelines_and_the_verdict_stay()
    {
        var console = new StringWriter { NewLine = "\n" };
        var reporter = new RunReporter(new SuiteReport("run-1", T0), _dir.FullName, console, new FullDisk("summary.json.tmp"));
        var drain = NodeDrain();
        reporter.Suite.Add(drain);
        var status = drain.Status;

        await reporter.ScenarioFinishedAsync(drain);

        console.ToString().Should().Contain(
            $"Could not write {Path.Combine(_dir.FullName, "summary.json")} (no space left on device (ENOSPC)); " +
            "written this time: node_drain.requests.csv, node_drain.events.jsonl; everything written before stays, and the scenario verdicts stand.\n");
        drain.Status.Should().Be(status, "a reporting failure is not a verdict");
        (await RequestsCsv.ReadAsync(Path.Combine(_dir.FullName, "node_drain.requests.csv"))).Should().HaveCount(900);
        File.Exists(Path.Combine(_dir.FullName, "summary.json")).Should().BeFalse();
        Directory.GetFiles(_dir.FullName, "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public async Task A_full_disk_at_a_raw_timeline_keeps_the_file_flushed_during_the_run_and_says_what_was_written()
    {
        var flushed = Path.Combine(_dir.FullName, "node_drain.events.jsonl");
        await File.WriteAllTextAsync(flushed, "{\"time\":\"2025-01-01T12:00:00+00:00\",\"kind\":\"Marker\",\"detail\":\"flushed during the run\"}\n");
        var console = new StringWriter { NewLine = "\n" };
        var reporter = new RunReporter(new SuiteReport("run-1", T0), _dir.FullName, console, new FullDisk("node_drain.events.jsonl.tmp"));

        await reporter.ScenarioFinishedAsync(NodeDrain());

        console.ToString().Should().Contain(
            $"Could not write {flushed} (no space left on device (ENOSPC)); written this time: node_drain.requests.csv; " +
            "everything written before stays, and the scenario verdicts stand.\n");
        (await EventsJsonl.ReadAsync(flushed)).Should().ContainSingle().Which.Detail.Should().Be("flushed during the run");
    }

    [Fact]
    public async Task A_full_disk_at_the_end_of_the_run_does_not_throw_out_of_CompleteAsync()
    {
        var console = new StringWriter { NewLine = "\n" };
        var reporter = new RunReporter(new SuiteReport("run-1", T0), _dir.FullName, console, new FullDisk("report.html.tmp"));

        await reporter.CompleteAsync(At(10));

        console.ToString().Should().Contain(
            $"Could not write {Path.Combine(_dir.FullName, "report.html")} (no space left on device (ENOSPC)); written this time: summary.json; " +
            "everything written before stays, and the scenario verdicts stand.\n");
    }

    [Fact]
    public async Task A_full_disk_at_console_log_is_said_once_and_the_console_keeps_the_rest()
    {
        var console = new StringWriter { NewLine = "\n" };
        var reporter = new RunReporter(new SuiteReport("run-1", T0), _dir.FullName, console, new FullDisk("console.log") { FillsAfterCreation = true });
        var drain = NodeDrain();

        reporter.ScenarioStarted(drain);
        await reporter.ScenarioFinishedAsync(drain);

        console.ToString().Split("Could not append to").Should().HaveCount(2, "the failure is said once");
        console.ToString().Should().Contain($"Could not append to {reporter.ConsoleLogPath} (no space left on device (ENOSPC)); it stops here, the console keeps the rest.\n")
            .And.Contain("Status: ");
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
