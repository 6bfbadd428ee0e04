using System.Diagnostics;
using System.Text.Json.Nodes;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

/// <summary>
/// <c>ZeroDowntime.Fixtures.Tool report &lt;dir&gt;</c> rebuilds summary.json and report.html from the raw timelines
/// a killed run left: finished scenarios keep what was written, the cut one is "incomplete (run killed at ~T)"
/// with its attempts up to the kill. (The SIGKILL of a real run: ZeroDowntime.Scenarios.Tests' CrashSafetyTests.)
/// </summary>
public sealed class ReportRebuilderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("zd-rebuild-");

    private static AttemptRecord Attempt(string source, long k, bool ok = true) =>
        new(source, k, At(60 + (k * 0.1)), TimeSpan.FromMilliseconds(5), ok ? AttemptOutcome.Success : AttemptOutcome.Failure, ok ? 200 : null,
            ok ? AttemptErrorKind.None : AttemptErrorKind.ConnectionRefused, ok ? null : "connection refused");

    [Fact]
    public async Task A_killed_run_is_rebuilt_with_the_finished_scenario_as_written_and_the_cut_one_incomplete_up_to_the_kill()
    {
        // A run that finished NodeDrain, then was killed during SingleWorkerDisruption after the flusher's appends.
        var reporter = new RunReporter(new SuiteReport("run-1", T0), _dir.FullName, TextWriter.Null);
        var drain = NodeDrain();
        reporter.Suite.Add(drain);
        await reporter.ScenarioFinishedAsync(drain);
        var writtenDrain = JsonNode.Parse(await File.ReadAllTextAsync(reporter.SummaryPath))!["tests"]![0]!.ToJsonString();
        var load = Enumerable.Range(0, 40).Select(k => Attempt(AttemptSources.BuiltInLoad, k, ok: k < 30)).ToList();
        var probe = Enumerable.Range(0, 20).Select(k => Attempt(AttemptSources.Probe, k)).ToList();
        var events = new List<ClusterEvent>
        {
            new(At(60), ClusterEventKind.Marker, Detail: "load and probe started"),
            new(At(62), ClusterEventKind.DisruptionAccepted, "worker", "ray-worker-w1", Detail: "delete ray-worker-w1"),
        };
        await using (var flusher = RawTimelineFlusher.Start(_dir.FullName, "single_worker_disruption", new([() => load, () => probe], () => events), ReportFileSystem.Default, _ => { }))
        {
            await flusher.FlushAsync();
        }

        // The kill cut the next append in the middle of a line.
        await File.AppendAllTextAsync(Path.Combine(_dir.FullName, "single_worker_disruption.requests.csv"), "builtin-load,40,2025-01-01T12:01:");

        var (exitCode, stdout) = await RunToolAsync("report", _dir.FullName);

        exitCode.Should().Be(0, stdout);
        stdout.Should().Contain("single_worker_disruption: incomplete (run killed at ~12:01:03.90); 60 attempts and 2 events recorded before it");
        var summary = JsonNode.Parse(await File.ReadAllTextAsync(reporter.SummaryPath))!;
        summary["tests"]![0]!.ToJsonString().Should().Be(writtenDrain, "a finished scenario keeps its entry as the run wrote it");
        var cut = summary["tests"]![1]!;
        ((string?)cut["name"]).Should().Be("single_worker_disruption");
        ((string?)cut["status"]).Should().Be("error");
        ((string?)cut["failure"]).Should().Be("incomplete (run killed at ~12:01:03.90)");
        cut["metrics"]!["total_requests"]!.GetValue<int>().Should().Be(40);
        cut["metrics"]!["successful_requests"]!.GetValue<int>().Should().Be(30);
        ((string?)cut["disruptions"]![0]!["label"]).Should().Be("delete ray-worker-w1");
        (await File.ReadAllTextAsync(reporter.HtmlPath)).Should().Contain("incomplete (run killed at ~12:01:03.90)").And.EndWith("</html>\n");
        File.Exists(Path.Combine(_dir.FullName, "summary.before-rebuild.json")).Should().BeTrue("the run's own file is kept");
    }

    [Fact]
    public async Task Raw_files_in_the_older_format_still_load()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "node_drain.requests.csv"),
            RequestsCsv.LegacyHeader + "\nprobe,0,2025-01-01T12:00:00.0000000Z,5.0,success,200,None,\nprobe,1,2025-01-01T12:00:00.0500000Z,1.0,failure,,ConnectionRefused,refused\n");

        var lines = await ReportRebuilder.RebuildAsync(_dir.FullName);

        lines.Should().Equal("node_drain: incomplete (run killed at ~12:00:00.05); 2 attempts and 0 events recorded before it");
        var test = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir.FullName, "summary.json")))!["tests"]![0]!;
        ((string?)test["scenario"]).Should().Be("NodeDrain");
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_is_one_sentence_and_exit_code_2()
    {
        var missing = Path.Combine(_dir.FullName, "nope");

        var (exitCode, output) = await RunToolAsync("report", missing);

        exitCode.Should().Be(2);
        output.Trim().Should().Be($"The results folder {missing} does not exist.");
    }

    private static async Task<(int ExitCode, string Output)> RunToolAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ZeroDowntime.Fixtures.Tool.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
