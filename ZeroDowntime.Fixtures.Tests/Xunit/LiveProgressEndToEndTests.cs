using System.Globalization;
using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Xunit.Demo;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

/// <summary>
/// The live progress reaches the terminal of <c>dotnet test</c> while the run goes on: the demo's SharedState
/// scenario narrates, holds 3 s (a long wait that reports every second) and narrates again; each line is
/// stamped when this test reads it from the child's stdout and compared with the time printed in it.
/// </summary>
public sealed partial class LiveProgressEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(3);
    private readonly string _work = Directory.CreateTempSubdirectory("zd-live-progress-").FullName;
    private DotnetTestRun _run = null!;

    public async Task InitializeAsync() =>
        _run = await DotnetTestRun.StartAsync(_work, new Dictionary<string, string> { [SharedStateDemo.HoldVariable] = Hold.ToString() }, "--filter", "Scenario=SharedState");

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void Progress_lines_arrive_as_xUnit_diagnostic_messages_while_the_run_goes_on()
    {
        _run.ExitCode.Should().Be(0, _run.Output);
        var progress = _run.Lines.Where(l => l.Text.StartsWith("[xUnit.net ", StringComparison.Ordinal)).ToList();
        var start = progress.Single(l => l.Text.EndsWith("[SharedState 01] Counting starts", StringComparison.Ordinal));
        var ticks = progress.Where(l => l.Text.Contains("[SharedState 01] still waiting for the demo hold: ", StringComparison.Ordinal)).ToList();
        var again = progress.Single(l => l.Text.EndsWith("[SharedState 02] Counting again", StringComparison.Ordinal));
        var finished = _run.Lines.Single(l => l.Text.Contains("Passed!", StringComparison.Ordinal));

        ticks.Should().HaveCountGreaterThanOrEqualTo(2, "the 3 s hold reports every second");
        ticks[0].Text.Should().MatchRegex(@"still waiting for the demo hold: 1\.\d s of 3\.0 s \(ZD_DEMO_HOLD\)$");
        (again.Arrived - start.Arrived).Should().BeGreaterThan(Hold - TimeSpan.FromMilliseconds(500), "each line is shown when it is produced, not in a batch at the end");
        ticks[0].Arrived.Should().BeAfter(start.Arrived).And.BeBefore(again.Arrived);
        finished.Arrived.Should().BeOnOrAfter(again.Arrived);

        var latencies = progress.Select(l => l.Arrived - Produced(l.Text)).ToList();
        output.WriteLine($"{latencies.Count} progress lines; latency from print to arrival: max {latencies.Max().TotalMilliseconds:0} ms, median {latencies.Order().ElementAt(latencies.Count / 2).TotalMilliseconds:0} ms");
        latencies.Should().OnlyContain(l => l < TimeSpan.FromSeconds(2), "a progress line reaches the terminal within moments of being written");
    }

    [Fact]
    public void The_run_prints_no_other_xUnit_lines_than_the_progress()
    {
        var xunitLines = _run.Lines.Where(l => l.Text.StartsWith("[xUnit.net ", StringComparison.Ordinal)).Select(l => l.Text).ToList();

        xunitLines.Should().NotBeEmpty().And.OnlyContain(l => Ours().IsMatch(l), "diagnosticMessages must not add per-test noise");
    }

    private static DateTime Produced(string line)
    {
        var time = Ours().Match(line).Groups["time"].Value;
        return DateTime.Today + TimeSpan.ParseExact(time, @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
    }

    // "[xUnit.net 00:00:00.42] ZeroDowntime.Fixtures.Xunit.Demo:   16:10:13.684 [SharedState 01] Counting starts"
    [GeneratedRegex(@"^\[xUnit\.net [0-9:.]+\] +ZeroDowntime\.Fixtures\.Xunit\.Demo: +(?<time>\d\d:\d\d:\d\d\.\d{3}) \[SharedState 0\d\] ")]
    private static partial Regex Ours();
}
