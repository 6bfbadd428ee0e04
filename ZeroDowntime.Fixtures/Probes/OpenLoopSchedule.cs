using System.Diagnostics;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Probes;

/// <summary>
/// Calls <c>fire(k)</c> for attempt k at t0 + k/rate on a dedicated thread. The due time is computed
/// from t0 and k, never from the previous attempt, so the schedule cannot drift; a late thread
/// catches up at once; <c>fire</c> must not block (it starts work and returns).
/// A dedicated thread, because thread-pool starvation during an outage must not delay the schedule.
/// </summary>
internal sealed class OpenLoopSchedule : IDisposable
{
    private static readonly double TicksPerMillisecond = Stopwatch.Frequency / 1000.0;
    private readonly Func<long, double> _dueSeconds;
    private readonly double _maxRate;
    private readonly TimeSpan? _duration;
    private readonly Action<long> _fire;
    private readonly ManualResetEventSlim _stop = new(false, spinCount: 1);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _thread;
    private long _startTimestamp;
    private long _endTimestamp = long.MaxValue;

    public OpenLoopSchedule(double rate, TimeSpan? duration, Action<long> fire, string threadName)
    {
        if (!(rate > 0) || double.IsInfinity(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The rate must be a positive number of attempts per second.");
        }

        _dueSeconds = k => k / rate;
        _maxRate = rate;
        _duration = duration;
        _fire = fire;
        ThreadName = threadName;
    }

    /// <summary>
    /// A schedule whose attempt k is due <paramref name="dueSeconds"/>(k) seconds after t0 (non-decreasing in k),
    /// e.g. a ramping load's stages; <paramref name="maxRate"/> is its highest rate.
    /// </summary>
    public OpenLoopSchedule(Func<long, double> dueSeconds, double maxRate, TimeSpan? duration, Action<long> fire, string threadName)
    {
        if (!(maxRate > 0) || double.IsInfinity(maxRate))
        {
            throw new ArgumentOutOfRangeException(nameof(maxRate), maxRate, "The rate must be a positive number of attempts per second.");
        }

        _dueSeconds = dueSeconds ?? throw new ArgumentNullException(nameof(dueSeconds));
        _maxRate = maxRate;
        _duration = duration;
        _fire = fire;
        ThreadName = threadName;
    }

    public string ThreadName { get; }

    /// <summary>t0: when attempt 0 was due.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Attempts fired so far.</summary>
    public long Fired => Interlocked.Read(ref _fired);

    /// <summary>Completes when the thread has stopped firing (stop requested or duration over).</summary>
    public Task Completion => _completed.Task;

    private long _fired;

    /// <summary>When attempt <paramref name="k"/> is due.</summary>
    public DateTimeOffset DueTime(long k) => MeasurementClock.ToUtc(DueTimestamp(k));

    public void Start()
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("The schedule has already been started.");
        }

        var start = Stopwatch.GetTimestamp();
        _endTimestamp = _duration is { } d ? start + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        StartedAt = MeasurementClock.ToUtc(start);
        Volatile.Write(ref _startTimestamp, start); // last: IsDueBy reads it first
        _thread = new Thread(Run) { IsBackground = true, Name = ThreadName };
        _thread.Start();
    }

    public void RequestStop() => _stop.Set();

    public void Dispose()
    {
        _stop.Set();
        if (_thread is not null && _thread.ManagedThreadId != Environment.CurrentManagedThreadId)
        {
            _thread.Join();
        }

        _stop.Dispose();
    }

    /// <summary>
    /// True when attempt <paramref name="k"/> is part of the schedule (due before its end, not stopped) and due by
    /// <paramref name="timestamp"/>: a caller that is free may start it before the schedule thread gets to it.
    /// </summary>
    public bool IsDueBy(long k, long timestamp)
    {
        if (Volatile.Read(ref _startTimestamp) == 0)
        {
            return false; // not started
        }

        var due = DueTimestamp(k);
        return due <= timestamp && due < _endTimestamp && !_stop.IsSet;
    }

    private long DueTimestamp(long k) => _startTimestamp + (long)Math.Round(_dueSeconds(k) * Stopwatch.Frequency);

    private void Run()
    {
        try
        {
            for (long k = 0; ; k++)
            {
                var due = DueTimestamp(k);
                if (due >= _endTimestamp || !WaitUntil(due))
                {
                    return;
                }

                _fire(k);
                Interlocked.Increment(ref _fired);
            }
        }
        catch (Exception ex)
        {
            _completed.TrySetException(ex);
        }
        finally
        {
            _completed.TrySetResult();
        }
    }

    /// <summary>
    /// Sleeps in whole milliseconds, then yields for the last fraction. Above 1,000/s the period is
    /// shorter than a sleep: it sleeps 1 ms and fires what fell due in a burst, rather than spinning
    /// a core the attempts themselves need. False when stopped.
    /// </summary>
    private bool WaitUntil(long due)
    {
        while (true)
        {
            if (_stop.IsSet)
            {
                return false;
            }

            var remainingMs = (due - Stopwatch.GetTimestamp()) / TicksPerMillisecond;
            if (remainingMs <= 0)
            {
                return true;
            }

            if (remainingMs >= 1 || _maxRate > 1000)
            {
                _stop.Wait(Math.Max(1, (int)remainingMs));
            }
            else
            {
                Thread.Yield();
            }
        }
    }
}
