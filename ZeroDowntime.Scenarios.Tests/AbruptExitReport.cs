using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluentAssertions;
using ZeroDowntime.Fixtures.Tests.Reporting;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// The abrupt-exit control's report (issue 17): requests in flight on the killed pod fail when it dies, so every
/// downtime window, degraded window and failure mark of the chart lies at or after the deletion marker, and the
/// partial outage is reported with its error rate. report.html is also rendered in headless Chromium when installed.
/// </summary>
internal static partial class AbruptExitReport
{
    public static async Task VerifyAsync(string results)
    {
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(results, "summary.json")));
        var test = summary.RootElement.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "single_worker_disruption");
        var deleted = Instant(test.GetProperty("disruptions")[0].GetProperty("time"));
        var metrics = test.GetProperty("metrics");
        var windows = metrics.GetProperty("downtime_windows").EnumerateArray().Select(w => Instant(w.GetProperty("start"))).ToList();
        windows.Should().OnlyContain(start => start >= deleted, "a failure is placed when it was seen; the pod was deleted at {0:HH:mm:ss.fff}", deleted);
        var degraded = metrics.GetProperty("degraded_windows").EnumerateArray().ToList();
        degraded.Should().NotBeEmpty("a third of the requests failing at once is a partial outage");
        degraded.Should().OnlyContain(w => Instant(w.GetProperty("start")) >= deleted
                                           && w.GetProperty("error_rate").GetDouble() > 0 && w.GetProperty("error_rate").GetDouble() <= 100);

        var html = Path.Combine(results, "report.html");
        var svg = SvgElement().Matches(await File.ReadAllTextAsync(html)).Select(m => XElement.Parse(m.Value))
            .Single(s => s.Descendants().Any(e => (string?)e.Attribute("class") == "marker"));
        double X(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);
        var markerX = svg.Descendants().Where(e => (string?)e.Attribute("class") == "marker")
            .Min(m => X(m.Elements().First(e => e.Name.LocalName == "line"), "x1"));
        var ticks = svg.Descendants().Where(e => ((string?)e.Attribute("class"))?.StartsWith("failure-tick", StringComparison.Ordinal) == true).ToList();
        ticks.Should().NotBeEmpty("every failed attempt is marked on the chart");
        ticks.Select(t => X(t.Elements().Single(e => e.Name.LocalName == "line"), "x1"))
            .Should().OnlyContain(x => x >= markerX - 0.5, "the failures were seen after the deletion marker at x = {0}", markerX);

        if (ChromiumScreenshot.Executable is not null)
        {
            var png = Path.Combine(results, "report.png");
            var (exitCode, output) = await ChromiumScreenshot.CaptureAsync(html, png);
            exitCode.Should().Be(0, output);
            new FileInfo(png).Length.Should().BeGreaterThan(10_000, "Chromium rendered the report");
        }
    }

    private static DateTimeOffset Instant(JsonElement e) => DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    [GeneratedRegex("<svg[\\s\\S]*?</svg>")]
    private static partial Regex SvgElement();
}
