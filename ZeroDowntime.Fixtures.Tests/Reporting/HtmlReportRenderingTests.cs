using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

public sealed class HtmlReportRenderingTests(ITestOutputHelper output) : IDisposable
{
    // ZD_REPORT_SAMPLE_DIR keeps the rendered sample (HTML + PNG) for a human to look at.
    private readonly DirectoryInfo _dir = Environment.GetEnvironmentVariable("ZD_REPORT_SAMPLE_DIR") is { Length: > 0 } keep
        ? Directory.CreateDirectory(keep)
        : Directory.CreateTempSubdirectory("zd-report-");

    [SkippableChromiumFact]
    public async Task Chromium_renders_the_sample_report_to_a_non_trivial_screenshot()
    {
        var suite = SampleResults.FullSuite();
        var reporter = new RunReporter(suite, _dir.FullName, TextWriter.Null);
        foreach (var scenario in suite.Scenarios)
        {
            await reporter.ScenarioFinishedAsync(scenario);
        }

        await reporter.CompleteAsync(SampleResults.At(200));
        var png = Path.Combine(_dir.FullName, "report.png");

        var (exitCode, log) = await ChromiumScreenshot.CaptureAsync(reporter.HtmlPath, png);

        output.WriteLine($"{reporter.HtmlPath} -> {png} (exit {exitCode})");
        File.Exists(png).Should().BeTrue("chromium should have written the screenshot; its output was: {0}", log);
        var bytes = await File.ReadAllBytesAsync(png);
        bytes.Take(8).Should().Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "the file is a PNG");
        bytes.Length.Should().BeGreaterThan(60_000, "a rendered report with tables and charts compresses to far more than a blank page");
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("ZD_REPORT_SAMPLE_DIR") is not { Length: > 0 })
        {
            _dir.Delete(recursive: true);
        }
    }
}
