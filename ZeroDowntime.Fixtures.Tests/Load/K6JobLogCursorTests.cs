using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Load;

namespace ZeroDowntime.Fixtures.Tests.Load;

public sealed class K6JobLogCursorTests
{
    [Fact]
    public void A_resumed_stream_drops_the_repeated_lines_of_the_last_second_and_keeps_new_ones()
    {
        var cursor = new K6JobLogCursor();
        var delivered = new List<string>();
        Feed(cursor, delivered, "2026-01-01T12:00:00.100000000Z a", "2026-01-01T12:00:00.900000000Z b", "2026-01-01T12:00:01.200000000Z c");
        cursor.ResumeFrom.Should().Be(DateTimeOffset.Parse("2026-01-01T12:00:01.2Z"));

        cursor.BeginResume(); // a resumed stream resends everything from before the last line on
        Feed(cursor, delivered, "2026-01-01T12:00:01.200000000Z c", "2026-01-01T12:00:01.700000000Z d", "2026-01-01T12:00:02.000000000Z e");
        delivered.Should().Equal("a", "b", "c", "d", "e");
        cursor.Delivered.Should().Be(5);
    }

    [Fact]
    public void Lines_older_than_the_last_delivered_are_dropped_on_resume()
    {
        var cursor = new K6JobLogCursor();
        var delivered = new List<string>();
        Feed(cursor, delivered, "2026-01-01T12:00:05.500Z x");
        cursor.BeginResume();
        Feed(cursor, delivered, "2026-01-01T12:00:05.100Z w", "2026-01-01T12:00:05.500Z x", "2026-01-01T12:00:05.600Z y");
        delivered.Should().Equal("x", "y");
    }

    [Fact]
    public void Identical_lines_at_one_instant_are_all_kept_and_each_repeat_dropped_once()
    {
        var cursor = new K6JobLogCursor();
        var delivered = new List<string>();
        Feed(cursor, delivered, "2026-01-01T12:00:00Z same", "2026-01-01T12:00:00Z same");
        cursor.BeginResume();
        Feed(cursor, delivered, "2026-01-01T12:00:00Z same", "2026-01-01T12:00:00Z same", "2026-01-01T12:00:00Z same");
        delivered.Should().Equal("same", "same", "same");
    }

    [Fact]
    public void Lines_without_a_timestamp_pass_unchanged()
    {
        var cursor = new K6JobLogCursor();
        cursor.Accept("time=\"x\" level=info msg=\"hi\"", out var line).Should().BeTrue();
        line.Should().Be("time=\"x\" level=info msg=\"hi\"");
    }

    [Fact]
    public void The_first_stream_starts_at_the_beginning_and_a_resumed_one_reaches_back_past_the_last_line()
    {
        var cursor = new K6JobLogCursor();
        cursor.ResumeSinceSeconds(DateTimeOffset.Parse("2026-01-01T12:00:10Z")).Should().BeNull("nothing was read yet: the whole log");

        cursor.Accept("2026-01-01T12:00:07.400Z x", out _);

        // 2.6 s ago, rounded up to 3 s, plus the allowance for a node clock ahead of ours.
        cursor.ResumeSinceSeconds(DateTimeOffset.Parse("2026-01-01T12:00:10Z")).Should().Be(3 + (int)K6JobLogCursor.ClockSkewAllowance.TotalSeconds);
        cursor.ResumeSinceSeconds(DateTimeOffset.Parse("2026-01-01T12:00:05Z")).Should().Be((int)K6JobLogCursor.ClockSkewAllowance.TotalSeconds,
            "a last line in our future (the node's clock is ahead) still resumes within the allowance");
    }

    [Theory]
    [InlineData("2026-01-01T12:00:00.123456789Z", 1234567)]
    [InlineData("2026-01-01T12:00:00.5Z", 5000000)]
    [InlineData("2026-01-01T12:00:00Z", 0)]
    public void Kubelet_nanosecond_timestamps_parse_to_100ns_ticks(string text, long fractionTicks)
    {
        K6JobLogCursor.TryParseTimestamp(text, out var at).Should().BeTrue();
        (at.UtcTicks % TimeSpan.TicksPerSecond).Should().Be(fractionTicks);
    }

    private static void Feed(K6JobLogCursor cursor, List<string> delivered, params string[] raw)
    {
        foreach (var r in raw)
        {
            if (cursor.Accept(r, out var line))
            {
                delivered.Add(line);
            }
        }
    }
}
