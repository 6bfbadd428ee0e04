using System.Diagnostics;
using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// Hands an arrival-rate schedule's attempts to a fixed set of workers, as k6 hands iterations to its VUs: attempt k
/// starts on a worker that is free when it is due, or is dropped and counted when none is (never delayed). A worker
/// that finishes takes the attempt due by then itself, at once, instead of waiting for the schedule thread's next
/// burst (which comes every millisecond above 1,000/s): at saturation the next attempt starts as soon as a worker is
/// free, as in wrk's closed loop, while the schedule still decides which attempts exist.
/// </summary>
/// <remarks>
/// Every decision is taken under one lock, in due order: attempts due while no worker was free are dropped; a free
/// worker that finds several due takes the latest (the earlier ones were due while it was busy) after handing the
/// earlier ones to idle workers, if any. The start timestamp is taken by whoever decides, so a worker's late
/// wake-up on a busy thread pool counts in the attempt's latency rather than vanishing from it.
/// </remarks>
internal sealed class ArrivalWorkers
{
    private readonly Lock _gate = new();
    private readonly Stack<TaskCompletionSource<Ticket>> _idle = new();
    private readonly Func<long, long, bool> _isDueBy;
    private long _next; // the first attempt neither started nor dropped
    private long _dropped;
    private bool _closed;

    /// <param name="isDueBy">Whether attempt k is part of the schedule and due by a <see cref="Stopwatch"/> timestamp (<see cref="OpenLoopSchedule.IsDueBy"/>).</param>
    public ArrivalWorkers(Func<long, long, bool> isDueBy) => _isDueBy = isDueBy;

    /// <summary>Attempts dropped because every worker was busy when they were due.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Called by the schedule thread when attempt <paramref name="k"/> is due: it and any earlier attempt not yet decided go to idle workers or are dropped.</summary>
    public void Due(long k)
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            while (_next <= k && !_closed)
            {
                Hand(_next++, now);
            }
        }
    }

    /// <summary>Called by a free worker: the attempt it runs next, <see cref="Ticket.None"/> once the schedule is over.</summary>
    public ValueTask<Ticket> NextAsync()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return ValueTask.FromResult(Ticket.None);
            }

            var now = Stopwatch.GetTimestamp();
            var mine = -1L;
            while (_isDueBy(_next, now))
            {
                if (mine >= 0)
                {
                    Hand(mine, now);
                }

                mine = _next++;
            }

            if (mine >= 0)
            {
                return ValueTask.FromResult(new Ticket(mine, now));
            }

            // Continuations run on the thread pool, so the schedule thread that hands the ticket never runs the send.
            var wait = new TaskCompletionSource<Ticket>(TaskCreationOptions.RunContinuationsAsynchronously);
            _idle.Push(wait);
            return new ValueTask<Ticket>(wait.Task);
        }
    }

    /// <summary>The schedule is over: idle workers, and workers as they finish, get <see cref="Ticket.None"/>.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            while (_idle.TryPop(out var worker))
            {
                worker.SetResult(Ticket.None);
            }
        }
    }

    private void Hand(long k, long now)
    {
        if (_idle.TryPop(out var worker))
        {
            worker.SetResult(new Ticket(k, now));
        }
        else
        {
            _dropped++;
        }
    }

    /// <summary>Attempt <paramref name="Sequence"/>, started at <paramref name="StartTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public readonly record struct Ticket(long Sequence, long StartTimestamp)
    {
        /// <summary>No attempt: the worker stops.</summary>
        public static Ticket None => new(-1, 0);

        /// <summary>True for <see cref="None"/>.</summary>
        public bool IsNone => Sequence < 0;
    }
}
