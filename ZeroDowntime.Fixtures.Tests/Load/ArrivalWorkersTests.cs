using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Load;

namespace ZeroDowntime.Fixtures.Tests.Load;

/// <summary>The built-in generator's hand-out rules, decided on a scripted clock: which attempt runs, which is dropped.</summary>
public class ArrivalWorkersTests
{
    private long _dueUpTo = -1; // attempts 0.._dueUpTo are due "now"

    [Fact]
    public async Task A_free_worker_takes_the_latest_due_attempt_and_the_earlier_ones_due_while_all_were_busy_are_dropped()
    {
        var workers = Create();
        _dueUpTo = 4;

        var ticket = await workers.NextAsync();

        ticket.Sequence.Should().Be(4);
        workers.Dropped.Should().Be(4, "attempts 0-3 were due while no worker was free");
    }

    [Fact]
    public async Task Earlier_due_attempts_go_to_idle_workers_before_any_is_dropped()
    {
        var workers = Create();
        var idle = workers.NextAsync(); // nothing due yet: waits
        idle.IsCompleted.Should().BeFalse();
        _dueUpTo = 2;

        var mine = await workers.NextAsync();

        (await idle).Sequence.Should().Be(0, "the idle worker gets the oldest due attempt");
        mine.Sequence.Should().Be(2);
        workers.Dropped.Should().Be(1, "attempt 1 found no free worker");
    }

    [Fact]
    public async Task The_schedule_hands_due_attempts_to_idle_workers_in_order_and_drops_the_rest()
    {
        var workers = Create();
        var first = workers.NextAsync();
        var second = workers.NextAsync();

        workers.Due(2);

        new[] { (await first).Sequence, (await second).Sequence }.Should().BeEquivalentTo([0L, 1L]);
        workers.Dropped.Should().Be(1);
        workers.Due(2); // already decided: nothing changes
        workers.Dropped.Should().Be(1);
    }

    [Fact]
    public async Task Closing_stops_idle_workers_and_every_later_request()
    {
        var workers = Create();
        var idle = workers.NextAsync();

        workers.Close();
        _dueUpTo = 10;

        (await idle).IsNone.Should().BeTrue();
        (await workers.NextAsync()).IsNone.Should().BeTrue();
        workers.Dropped.Should().Be(0);
    }

    private ArrivalWorkers Create() => new((k, _) => k <= _dueUpTo);
}
