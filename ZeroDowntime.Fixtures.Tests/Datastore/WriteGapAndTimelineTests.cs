using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Datastore;

namespace ZeroDowntime.Fixtures.Tests.Datastore;

/// <summary>RTO from the ledger (last acknowledged by the killed primary, first by a new one) and the per-second write timeline.</summary>
public sealed class WriteGapAndTimelineTests
{
    private const string Old = "127.10.0.1:6379";
    private const string New = "127.10.0.2:6379";
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_gap_runs_from_the_killed_primarys_last_acknowledgement_to_the_new_primarys_first()
    {
        // The kill is accepted at 1.0 s; the old primary still acknowledges #3 at 1.1 s (grace period), then fails until 4.2 s.
        var attempts = new[] { Ack(1, 0.5, Old), Ack(2, 0.9, Old), Ack(3, 1.1, Old), Fail(4, 1.5, Old), Fail(5, 3.0, New), Ack(6, 4.2, New), Ack(7, 4.4, New) };

        var gap = WriteGap.Measure(attempts, T0.AddSeconds(1), Old);

        gap.LastBefore!.Sequence.Should().Be(3);
        gap.FirstAfter!.Sequence.Should().Be(6);
        gap.Gap.Should().Be(TimeSpan.FromSeconds(3.1));
    }

    [Fact]
    public void Without_an_acknowledgement_after_the_kill_there_is_no_gap()
    {
        var gap = WriteGap.Measure([Ack(1, 0.5, Old), Fail(2, 1.5, Old)], T0.AddSeconds(1), Old);

        gap.FirstAfter.Should().BeNull();
        gap.Gap.Should().BeNull();
    }

    [Fact]
    public void Without_any_acknowledgement_there_is_no_gap_either()
    {
        var gap = WriteGap.Measure([Fail(1, 0.5, Old)], T0.AddSeconds(1), Old);

        gap.LastBefore.Should().BeNull();
        gap.Gap.Should().BeNull();
    }

    [Fact]
    public void The_timeline_counts_each_second_with_empty_seconds_and_lost_writes()
    {
        var attempts = new[] { Ack(1, 0.1, Old), Ack(2, 0.6, Old), Fail(3, 1.2, Old), Ack(4, 3.5, New) };
        var read = new LedgerRead([2, 4], T0.AddSeconds(10), New);

        var timeline = WriteTimeline.PerSecond(attempts, read);

        timeline.Should().Equal(
            new WriteSecond(T0, 2, 0, 1),
            new WriteSecond(T0.AddSeconds(1), 0, 1, 0),
            new WriteSecond(T0.AddSeconds(2), 0, 0, 0),
            new WriteSecond(T0.AddSeconds(3), 1, 0, 0));
        WriteTimeline.PerSecond([], read).Should().BeEmpty();
    }

    [Fact]
    public void Unacknowledged_spans_run_from_the_first_failure_to_the_next_acknowledged_attempt()
    {
        var attempts = new[] { Ack(1, 0.1, Old), Fail(2, 0.2, Old), Fail(3, 0.3, Old), Ack(4, 0.9, New), Fail(5, 1.0, New) };

        WriteTimeline.UnacknowledgedSpans(attempts).Should().Equal(
            new WriteSpan(T0.AddSeconds(0.2), T0.AddSeconds(0.85), 2),
            new WriteSpan(T0.AddSeconds(1.0), T0.AddSeconds(1.5), 1));
    }

    private static LedgerAttempt Ack(long sequence, double seconds, string primary) =>
        new(sequence, T0.AddSeconds(seconds - 0.05), T0.AddSeconds(seconds), T0.AddSeconds(seconds), primary, null);

    private static LedgerAttempt Fail(long sequence, double seconds, string primary) =>
        new(sequence, T0.AddSeconds(seconds), T0.AddSeconds(seconds + 0.5), null, primary, "Connection refused");
}
