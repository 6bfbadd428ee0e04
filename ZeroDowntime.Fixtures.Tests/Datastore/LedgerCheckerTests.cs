using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Datastore;

namespace ZeroDowntime.Fixtures.Tests.Datastore;

/// <summary>Jepsen's set checker: attempted, acknowledged, ok = final ∩ attempted, lost = acknowledged − final, recovered = ok − acknowledged, unexpected = final − attempted.</summary>
public sealed class LedgerCheckerTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReadAt = T0.AddMinutes(1);

    [Fact]
    public void No_writes_and_an_empty_read_is_valid_with_every_count_zero()
    {
        var check = LedgerChecker.Check([], Read());

        check.Should().BeEquivalentTo(new { Attempted = 0L, Acknowledged = 0L, Ok = 0L, Lost = 0L, Recovered = 0L, Unexpected = 0L, Duplicated = 0L, AcknowledgedAfterRead = 0L });
        check.Valid.Should().BeTrue();
        check.ToString().Should().Be("0 attempted, 0 acknowledged, 0 lost, 0 recovered, 0 unexpected");
    }

    [Fact]
    public void Writes_that_all_failed_and_an_empty_read_are_valid_nothing_was_promised()
    {
        var check = LedgerChecker.Check([Failed(1), Failed(2)], Read());

        check.Attempted.Should().Be(2);
        check.Unacknowledged.Should().Be(2);
        check.Lost.Should().Be(0);
        check.Valid.Should().BeTrue();
    }

    [Fact]
    public void A_read_with_entries_but_no_writes_is_all_unexpected()
    {
        var check = LedgerChecker.Check([], Read(3, 1, 2));

        check.Unexpected.Should().Be(3);
        check.UnexpectedEntries.Should().Equal(1, 2, 3);
        check.Ok.Should().Be(0);
        check.Valid.Should().BeFalse();
    }

    [Fact]
    public void Every_acknowledged_write_missing_from_an_empty_read_is_lost_and_the_list_is_capped()
    {
        var attempts = Enumerable.Range(1, 120).Select(i => Acknowledged(i)).ToList();

        var check = LedgerChecker.Check(attempts, Read());

        check.Lost.Should().Be(120);
        check.Acknowledged.Should().Be(120);
        check.LostEntries.Should().HaveCount(LedgerChecker.ListCap).And.BeInAscendingOrder().And.StartWith(1L);
        check.Valid.Should().BeFalse();
        LedgerChecker.Describe(check.LostEntries, check.Lost).Should().Be("#1, #2, #3, #4, #5, #6, #7, #8, #9, #10 and 110 more");
        check.ToString().Should().Be("120 attempted, 120 acknowledged, 120 lost, 0 recovered, 0 unexpected");
    }

    [Fact]
    public void Some_lost_some_kept_and_a_failed_write_that_was_stored_is_recovered()
    {
        var check = LedgerChecker.Check([Acknowledged(1), Acknowledged(2), Failed(3), Acknowledged(4), Failed(5)], Read(1, 3, 4));

        check.Should().BeEquivalentTo(new { Attempted = 5L, Acknowledged = 3L, Ok = 3L, Lost = 1L, Recovered = 1L, Unexpected = 0L });
        check.LostEntries.Should().Equal(2);
        check.Unacknowledged.Should().Be(2);
    }

    [Fact]
    public void A_sequence_written_twice_counts_once_and_is_acknowledged_if_either_write_was()
    {
        var check = LedgerChecker.Check([Failed(7), Acknowledged(7), Acknowledged(8)], Read(7, 8));

        check.Attempted.Should().Be(2);
        check.Acknowledged.Should().Be(2);
        check.Recovered.Should().Be(0, "7 was acknowledged on its second write");
        check.Valid.Should().BeTrue();
    }

    [Fact]
    public void Entries_read_more_than_once_are_reported_duplicated_and_counted_once()
    {
        var check = LedgerChecker.Check([Acknowledged(1), Acknowledged(2)], Read(2, 1, 2, 2));

        check.Ok.Should().Be(2);
        check.Duplicated.Should().Be(1);
        check.DuplicatedEntries.Should().Equal(2);
        check.Valid.Should().BeTrue("a duplicate is reported, but Jepsen's set verdict looks at lost and unexpected");
        check.ToString().Should().EndWith(", 1 duplicated");
    }

    [Fact]
    public void Unexpected_entries_next_to_written_ones_are_listed_sorted()
    {
        var check = LedgerChecker.Check([Acknowledged(1), Acknowledged(2)], Read(1, 2, 900, 17));

        check.Unexpected.Should().Be(2);
        check.UnexpectedEntries.Should().Equal(17, 900);
        check.Lost.Should().Be(0);
        check.Valid.Should().BeFalse();
    }

    [Fact]
    public void A_write_acknowledged_late_but_before_the_read_is_judged_like_any_other()
    {
        var slow = new LedgerAttempt(3, T0, T0.AddSeconds(30), T0.AddSeconds(30), "127.10.0.1:6379", null);

        var check = LedgerChecker.Check([Acknowledged(1), slow], Read(1));

        check.Lost.Should().Be(1);
        check.LostEntries.Should().Equal(3);
    }

    [Fact]
    public void A_write_acknowledged_after_the_final_read_is_not_judged_lost_but_counted()
    {
        var afterRead = new LedgerAttempt(3, T0, ReadAt.AddSeconds(1), ReadAt.AddSeconds(1), "127.10.0.1:6379", null);
        var stored = afterRead with { Sequence = 4 };

        var missing = LedgerChecker.Check([Acknowledged(1), afterRead], Read(1));
        var present = LedgerChecker.Check([Acknowledged(1), stored], Read(1, 4));

        missing.Lost.Should().Be(0, "a read answered before the acknowledgement cannot show the write");
        missing.AcknowledgedAfterRead.Should().Be(1);
        missing.ToString().Should().EndWith(", 1 acknowledged after the read");
        present.Ok.Should().Be(2);
        present.Recovered.Should().Be(0, "it was acknowledged");
    }

    private static LedgerAttempt Acknowledged(long sequence) =>
        new(sequence, T0.AddMilliseconds(sequence * 20), T0.AddMilliseconds(sequence * 20 + 1), T0.AddMilliseconds(sequence * 20 + 1), "127.10.0.1:6379", null);

    private static LedgerAttempt Failed(long sequence) =>
        new(sequence, T0.AddMilliseconds(sequence * 20), T0.AddMilliseconds(sequence * 20 + 500), null, "127.10.0.1:6379", "no reply within 500 ms");

    private static LedgerRead Read(params long[] entries) => new(entries, ReadAt, "127.10.0.2:6379");
}
