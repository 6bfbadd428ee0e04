using Xunit;
using System.Globalization;
using FluentAssertions;
using ZeroDowntime.Fixtures.Measurement;
using static ZeroDowntime.Fixtures.Tests.Measurement.Timelines;

namespace ZeroDowntime.Fixtures.Tests.Measurement;

public sealed class RawTimelineFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("zd-raw-").FullName;

    [Fact]
    public async Task Requests_csv_reads_back_exactly_what_was_written_and_gives_the_same_verdicts()
    {
        var attempts = new List<AttemptRecord>
        {
            new(AttemptSources.Probe, 0, At(0) + TimeSpan.FromTicks(1234567), TimeSpan.FromTicks(123_456_789), AttemptOutcome.Success, 200, AttemptErrorKind.None),
            new(AttemptSources.K6, 7, At(0.05), TimeSpan.FromMilliseconds(30_000), AttemptOutcome.Failure, null, AttemptErrorKind.Timeout, "timed out, \"30s\""),
            new(AttemptSources.BuiltInLoad, 8, new DateTimeOffset(2025, 1, 1, 14, 0, 0, TimeSpan.FromHours(2)), TimeSpan.Zero, AttemptOutcome.Failure, 503, AttemptErrorKind.HttpStatus, "bad gateway, upstream \"b\""),
        };
        var path = Path.Combine(_directory, "scenario.requests.csv");

        await RequestsCsv.WriteAsync(path, attempts);
        var again = await RequestsCsv.ReadAsync(path);

        again.Should().Equal(attempts);
        Downtime.Windows(again).Should().Equal(Downtime.Windows(attempts));
    }

    [Fact]
    public async Task Requests_csv_is_invariant_culture_with_fractional_iso_8601_starts()
    {
        var previous = CultureInfo.CurrentCulture;
        var commaDecimals = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaDecimals.NumberFormat.NumberDecimalSeparator = ",";
        CultureInfo.CurrentCulture = commaDecimals;
        try
        {
            var writer = new StringWriter();
            await RequestsCsv.WriteAsync(writer, [Ok(1.5, latencyMs: 12.25)]);

            writer.ToString().Should().Be(
                RequestsCsv.Header + Environment.NewLine +
                "probe,0,2025-01-01T12:00:01.5000000Z,12.25,success,200,None,,2025-01-01T12:00:01.5122500Z" + Environment.NewLine);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_detail_with_line_breaks_stays_on_one_line()
    {
        var line = RequestsCsv.Format(Fail(0) with { Detail = "first\r\nsecond\nthird" });

        line.Should().EndWith(",failure,,ConnectionRefused,first second third,2025-01-01T12:00:00.0010000Z");
    }

    [Fact]
    public async Task A_file_from_before_the_seen_column_reads_the_same_records()
    {
        var text = RequestsCsv.LegacyHeader + "\nprobe,7,2025-01-01T12:00:00.0000000Z,3000.0,failure,,ConnectionReset,reset\n";

        var records = await RequestsCsv.ReadAsync(new StringReader(text));

        records.Should().ContainSingle().Which.Seen.Should().Be(At(3.0));
    }

    [Fact]
    public async Task A_malformed_requests_csv_line_is_reported_with_its_line_number()
    {
        var text = RequestsCsv.LegacyHeader + "\nprobe,0,2025-01-01T12:00:00.0000000Z,1.0,success,200,None,\nprobe,1,yesterday,1.0,success,200,None,\n";

        var act = () => RequestsCsv.ReadAsync(new StringReader(text));

        (await act.Should().ThrowAsync<FormatException>()).Which.Message.Should().StartWith("requests.csv line 3: ");
    }

    [Fact]
    public async Task Events_jsonl_reads_back_exactly_what_was_written_and_gives_the_same_verdicts()
    {
        var events = new List<ClusterEvent>
        {
            Ready(0, "w1"), Ready(0, "w2"), Ready(0, "w3"),
            new(At(10) + TimeSpan.FromTicks(3), ClusterEventKind.DisruptionAccepted, "worker", "w1", "uid-w1", "node-a", "evicted by drain", At(9)),
            Terminating(10.01, "w1"), new(At(11), ClusterEventKind.NodeCordoned, Node: "node-a"), Deleted(30, "w1"), Ready(31, "w4"),
        };
        var path = Path.Combine(_directory, "scenario.events.jsonl");

        await EventsJsonl.WriteAsync(path, events);
        var again = await EventsJsonl.ReadAsync(path);

        again.Should().Equal(events);
        (await File.ReadAllLinesAsync(path)).Should().HaveCount(events.Count);
        Recovery.Measure(again, "worker", At(10), 3).Should().Be(Recovery.Measure(events, "worker", At(10), 3));
    }

    [Fact]
    public void Events_jsonl_lines_use_camel_case_string_kinds_and_omit_nulls()
    {
        EventsJsonl.Format(new ClusterEvent(At(1.25), ClusterEventKind.NodeCordoned, Node: "node-a"))
            .Should().Be("{\"time\":\"2025-01-01T12:00:01.25+00:00\",\"kind\":\"NodeCordoned\",\"node\":\"node-a\"}");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
