using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Scenarios.Tests;

/// <summary>
/// The report rebuilt from a SIGKILLed NodeDrain run (issue 15): the raw timelines were appended as the scenario ran, so
/// the rebuild (<see cref="ReportRebuilder"/>, the <c>report</c> command) has the attempts up to about the kill and
/// marks the scenario "incomplete (run killed at ~T)".
/// </summary>
internal static class KilledRunReport
{
    public static async Task VerifyAsync(string results, string runId, DateTimeOffset killedAt, TimeSpan flushedBeforeKill, ITestOutputHelper output)
    {
        var lines = await ReportRebuilder.RebuildAsync(results);
        foreach (var line in lines)
        {
            output.WriteLine($"rebuilt: {line}");
        }

        var attempts = await RequestsCsv.ReadAsync(await WholeLinesAsync(Path.Combine(results, "node_drain.requests.csv")));
        attempts.Should().NotBeEmpty("the load and the probe ran for the baseline before the cordon, and were flushed as they ran");
        var lastSeen = attempts.Max(a => a.Seen);
        // The child's clock is anchored on its own start (MeasurementClock): allow it a little drift past the parent's instant.
        lastSeen.Should().BeOnOrBefore(killedAt + TimeSpan.FromSeconds(1)).And.BeOnOrAfter(killedAt - flushedBeforeKill, "the attempts up to the kill are on disk");
        var events = await EventsJsonl.ReadAsync(await WholeLinesAsync(Path.Combine(results, "node_drain.events.jsonl")));
        var lastRecorded = events.Select(e => e.Time).Append(lastSeen).Max();

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(results, "summary.json")));
        summary.RootElement.GetProperty("run_id").GetString().Should().Be(runId, "console.log's header names the killed run");
        var test = summary.RootElement.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "node_drain");
        test.GetProperty("status").GetString().Should().Be("error");
        var killedAtText = lastRecorded.UtcDateTime.ToString("HH:mm:ss.ff", CultureInfo.InvariantCulture);
        test.GetProperty("failure").GetString().Should().Be($"incomplete (run killed at ~{killedAtText})");
        var loadAttempts = attempts.Count(a => a.Source == AttemptSources.BuiltInLoad);
        test.GetProperty("metrics").GetProperty("total_requests").GetInt32().Should().Be(loadAttempts, "every load attempt on disk is counted");
        (await File.ReadAllTextAsync(Path.Combine(results, "report.html"))).Should().Contain($"incomplete (run killed at ~{killedAtText})");
    }

    // The kill may cut the last line of an append; the rebuild drops it, and so does this check.
    private static async Task<StringReader> WholeLinesAsync(string path)
    {
        var text = await File.ReadAllTextAsync(path);
        return new StringReader(text[..(text.LastIndexOf('\n') + 1)]);
    }
}
