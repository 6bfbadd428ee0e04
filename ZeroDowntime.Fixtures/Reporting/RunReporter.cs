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
    private readonly ReportFileSystem _fileSystem;
    private bool _completed;
    private bool _consoleLogBroken;

    /// <summary>Writes into <paramref name="resultsDirectory"/> (created if missing) and prints the header.</summary>
    /// <param name="suite">The run's report, shared with the scenario runner.</param>
    /// <param name="resultsDirectory">An absolute folder (see <see cref="ResultsFolder"/>).</param>
    /// <param name="console">Where the progress view goes; defaults to <see cref="Console.Out"/>.</param>
    /// <param name="files">The file operations (tests: a disk that fills); defaults to <see cref="ReportFileSystem.Default"/>.</param>
    public RunReporter(SuiteReport suite, string resultsDirectory, TextWriter? console = null, ReportFileSystem? files = null)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsDirectory);
        Suite = suite;
        ResultsDirectory = Path.GetFullPath(resultsDirectory);
        _console = console ?? Console.Out;
        _fileSystem = files ?? ReportFileSystem.Default;
        Directory.CreateDirectory(ResultsDirectory);
        _fileSystem.Create(ConsoleLogPath).Dispose();
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
    /// report.html. Call it also for a scenario that failed or errored half-way. A file that cannot be
    /// written (a full disk) is reported in one sentence and does not throw: the verdicts stand.
    /// </summary>
    public async Task ScenarioFinishedAsync(ScenarioResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        Print(ConsoleReport.ScenarioEnd(result));
        await _files.WaitAsync(cancellationToken).ConfigureAwait(false);
        var written = new List<string>(5);
        try
        {
            await RawTimelineFiles.WriteAsync(result, ResultsDirectory, _fileSystem, written, cancellationToken).ConfigureAwait(false);
            await WriteReportsCoreAsync(written).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var planned = new[] { RawTimelineFiles.RequestsFileName(result), RawTimelineFiles.EventsFileName(result), RawTimelineFiles.ConnectionsFileName(result), SummaryJson.FileName, HtmlReport.FileName };
            ReportWriteFailure(planned.OfType<string>().First(f => !written.Contains(f)), e, written);
        }
        finally
        {
            _files.Release();
        }
    }

    /// <summary>
    /// Starts appending <paramref name="result"/>'s raw timelines to the results folder while the scenario runs
    /// (<see cref="RawTimelineFlusher"/>); dispose it before <see cref="ScenarioFinishedAsync"/>, which replaces them.
    /// </summary>
    public RawTimelineFlusher StartRawTimelines(ScenarioResult result, RawTimelineSources sources) =>
        RawTimelineFlusher.Start(ResultsDirectory, result.Key, sources, _fileSystem, Print);

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

            await WriteReportsSafelyAsync().ConfigureAwait(false);
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
            await WriteReportsSafelyAsync().ConfigureAwait(false);
        }
        finally
        {
            _files.Release();
        }
    }

    private async Task WriteReportsSafelyAsync()
    {
        var written = new List<string>(2);
        try
        {
            await WriteReportsCoreAsync(written).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ReportWriteFailure(written.Count == 0 ? SummaryJson.FileName : HtmlReport.FileName, e, written);
        }
    }

    private async Task WriteReportsCoreAsync(List<string> written)
    {
        await AtomicFile.WriteAllTextAsync(_fileSystem, SummaryPath, SummaryJson.Render(Suite)).ConfigureAwait(false);
        written.Add(SummaryJson.FileName);
        await AtomicFile.WriteAllTextAsync(_fileSystem, HtmlPath, HtmlReport.Render(Suite)).ConfigureAwait(false);
        written.Add(HtmlReport.FileName);
    }

    // A reporting failure is evidence lost, not a verdict: one sentence on the console, and the run goes on.
    private void ReportWriteFailure(string file, Exception error, IReadOnlyList<string> written) =>
        Print(WriteFailureSentence(Path.Combine(ResultsDirectory, file), error, written) + "\n");

    /// <summary>The sentence for a report file that could not be written: what, where, the OS error and what was written.</summary>
    internal static string WriteFailureSentence(string path, Exception error, IReadOnlyList<string> written) =>
        $"Could not write {path} ({ResultsFolder.OsError(error)}); written this time: {(written.Count == 0 ? "nothing" : string.Join(", ", written))}; " +
        "everything written before stays, and the scenario verdicts stand.";

    private void Print(string text)
    {
        lock (_consoleGate)
        {
            _console.Write(text.Replace("\n", Environment.NewLine, StringComparison.Ordinal));
            _console.Flush();
            AppendToConsoleLog(text);
        }

        LiveProgress.WriteReport(text);
    }

    private void AppendLiveLine(string line)
    {
        lock (_consoleGate)
        {
            AppendToConsoleLog(line.ReplaceLineEndings("\n") + "\n");
        }
    }

    // Under _consoleGate. console.log is a copy of the console: when it cannot grow (a full disk) the console says so
    // once and keeps going, rather than failing the run for a log file.
    private void AppendToConsoleLog(string text)
    {
        if (_consoleLogBroken)
        {
            return;
        }

        try
        {
            using var stream = _fileSystem.Append(ConsoleLogPath);
            var bytes = Utf8.GetBytes(text);
            stream.Write(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _consoleLogBroken = true;
            _console.WriteLine($"Could not append to {ConsoleLogPath} ({ResultsFolder.OsError(e)}); it stops here, the console keeps the rest.");
            _console.Flush();
        }
    }
}
