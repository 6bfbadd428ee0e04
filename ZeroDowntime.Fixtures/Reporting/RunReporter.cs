using System.Text;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// Writes a run's reports as the run goes: the console progress view (stdout and
/// <c>console.log</c>), each finished scenario's raw timelines, and <c>summary.json</c> +
/// <c>report.html</c> rewritten after every scenario, so a run killed half-way still leaves
/// complete, readable reports of what it did. Files are replaced atomically. Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var suite = new SuiteReport(runId, MeasurementClock.UtcNow) { Cluster = "...", Profile = "local", ExpectedScenarioCount = 7 };
/// var reporter = RunReporter.Create(suite, settings);      // creates TestResults/zerodowntime-…/, prints the header
/// var result = suite.BeginScenario("NodeDrain");
/// reporter.ScenarioStarted(result);                         // [3/7] Node Drain
/// ... run, record timelines, assert ...
/// result.Finish(MeasurementClock.UtcNow);
/// await reporter.ScenarioFinishedAsync(result);            // checks, Status: PASS, raw files, summary.json, report.html
/// await reporter.CompleteAsync(MeasurementClock.UtcNow);   // === Test Summary ===
/// </code>
/// </example>
public sealed class RunReporter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly TextWriter _console;
    private readonly SemaphoreSlim _files = new(1, 1);
    private readonly Lock _consoleGate = new();
    private bool _completed;

    /// <summary>Writes into <paramref name="resultsDirectory"/> (created if missing) and prints the header.</summary>
    /// <param name="suite">The run's report, shared with the scenario runner.</param>
    /// <param name="resultsDirectory">An absolute folder (see <see cref="ResultsFolder"/>).</param>
    /// <param name="console">Where the progress view goes; defaults to <see cref="Console.Out"/>.</param>
    public RunReporter(SuiteReport suite, string resultsDirectory, TextWriter? console = null)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsDirectory);
        Suite = suite;
        ResultsDirectory = Path.GetFullPath(resultsDirectory);
        _console = console ?? Console.Out;
        Directory.CreateDirectory(ResultsDirectory);
        File.WriteAllText(ConsoleLogPath, string.Empty, Utf8);
        Print(ConsoleReport.Header(suite, ResultsDirectory));
        // Live lines (narration, waits, the fixture's own) join the view in console.log as they happen.
        LiveProgress.AttachTranscript(AppendLiveLine);
    }

    /// <summary>The run's report.</summary>
    public SuiteReport Suite { get; }

    /// <summary>The absolute results folder.</summary>
    public string ResultsDirectory { get; }

    /// <summary>Full path of <c>summary.json</c>.</summary>
    public string SummaryPath => Path.Combine(ResultsDirectory, SummaryJson.FileName);

    /// <summary>Full path of <c>report.html</c>.</summary>
    public string HtmlPath => Path.Combine(ResultsDirectory, HtmlReport.FileName);

    /// <summary>Full path of <c>console.log</c>.</summary>
    public string ConsoleLogPath => Path.Combine(ResultsDirectory, ConsoleReport.FileName);

    /// <summary>Resolves and creates the settings' results folder (<see cref="ResultsFolder.Create"/>) and starts a reporter there.</summary>
    public static RunReporter Create(SuiteReport suite, ZeroDowntimeSettings settings, TextWriter? console = null) =>
        new(suite, ResultsFolder.Create(settings), console);

    /// <summary>Prints the scenario's heading (<c>[3/7] Node Drain</c>).</summary>
    public void ScenarioStarted(ScenarioResult result) => Print(ConsoleReport.ScenarioStart(result));

    /// <summary>
    /// Prints what the scenario produced, writes its raw timelines and rewrites summary.json and
    /// report.html. Call it also for a scenario that failed or errored half-way.
    /// </summary>
    public async Task ScenarioFinishedAsync(ScenarioResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        Print(ConsoleReport.ScenarioEnd(result));
        await _files.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RawTimelineFiles.WriteAsync(result, ResultsDirectory, cancellationToken).ConfigureAwait(false);
            await WriteReportsCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _files.Release();
        }
    }

    /// <summary>
    /// Finishes the run at <paramref name="finishedAt"/>: prints post-validation problems and the
    /// <c>=== Test Summary ===</c> block, writes the final reports. Only the first call prints.
    /// </summary>
    public async Task CompleteAsync(DateTimeOffset finishedAt, CancellationToken cancellationToken = default)
    {
        Suite.Finish(finishedAt);
        await _files.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_completed)
            {
                _completed = true;
                Print(ConsoleReport.Summary(Suite, HtmlPath));
            }

            await WriteReportsCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _files.Release();
        }
    }

    /// <summary>Rewrites summary.json and report.html from the current state (e.g. after a post-validation problem).</summary>
    public async Task WriteReportsAsync(CancellationToken cancellationToken = default)
    {
        await _files.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteReportsCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _files.Release();
        }
    }

    private async Task WriteReportsCoreAsync()
    {
        await AtomicFile.WriteAllTextAsync(SummaryPath, SummaryJson.Render(Suite)).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(HtmlPath, HtmlReport.Render(Suite)).ConfigureAwait(false);
    }

    private void Print(string text)
    {
        lock (_consoleGate)
        {
            _console.Write(text.Replace("\n", Environment.NewLine, StringComparison.Ordinal));
            _console.Flush();
            File.AppendAllText(ConsoleLogPath, text, Utf8);
        }

        LiveProgress.WriteReport(text);
    }

    private void AppendLiveLine(string line)
    {
        lock (_consoleGate)
        {
            File.AppendAllText(ConsoleLogPath, line.ReplaceLineEndings("\n") + "\n", Utf8);
        }
    }
}
