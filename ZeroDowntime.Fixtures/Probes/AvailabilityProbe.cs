using System.Diagnostics;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Probes;

/// <summary>
/// The seed's <c>monitor_availability</c>, done properly: an open-loop probe that starts attempt k
/// at t0 + k/rate whatever earlier attempts are doing, gives each attempt its own timeout, and
/// records every attempt's start, latency, outcome and error kind.
/// </summary>
/// <example>
/// <code>
/// await using var probe = new AvailabilityProbe(request, new AvailabilityProbeOptions { Rate = 20 });
/// probe.Start();
/// // ... disrupt ...
/// IReadOnlyList&lt;AttemptRecord&gt; attempts = await probe.StopAsync();
/// var windows = Downtime.Windows(attempts);
/// </code>
/// </example>
public sealed class AvailabilityProbe : IAsyncDisposable
{
    private readonly AttemptLog _log = new();
    private readonly HttpAttemptRunner _runner;
    private readonly OpenLoopSchedule _schedule;
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight = 1; // the schedule's own reference, released when it stops firing
    private int _state; // 0 new, 1 running, 2 stopping/stopped

    /// <summary>Creates a probe; nothing is sent before <see cref="Start"/>.</summary>
    public AvailabilityProbe(InferenceRequest request, AvailabilityProbeOptions? options = null)
        : this(request, options ?? new AvailabilityProbeOptions(), handler: null)
    {
    }

    internal AvailabilityProbe(InferenceRequest request, AvailabilityProbeOptions options, HttpMessageHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Request = request;
        _runner = new HttpAttemptRunner(request, options.AttemptTimeout, options.ConnectionMode, options.Source, handler);
        _schedule = new OpenLoopSchedule(options.Rate, duration: null, Fire, "zd-probe-schedule");
    }

    /// <summary>The probe's settings.</summary>
    public AvailabilityProbeOptions Options { get; }

    /// <summary>The request each attempt sends.</summary>
    public InferenceRequest Request { get; }

    /// <summary>t0, when attempt 0 was due; null before <see cref="Start"/>.</summary>
    public DateTimeOffset? StartedAt => _state == 0 ? null : _schedule.StartedAt;

    /// <summary>Attempts started and not yet finished.</summary>
    public int InFlight => Math.Max(0, Volatile.Read(ref _inFlight) - (_state == 1 ? 1 : 0));

    /// <summary>A snapshot of the attempts finished so far (usable while running, e.g. for progress).</summary>
    public IReadOnlyList<AttemptRecord> Attempts => _log.Snapshot();

    /// <summary>When attempt <paramref name="k"/> was due: t0 + k/rate.</summary>
    public DateTimeOffset DueTime(long k) => _schedule.DueTime(k);

    /// <summary>Starts the schedule. A probe runs once.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("An AvailabilityProbe can be started only once.");
        }

        ThreadPoolHeadroom.Ensure();
        _schedule.Start();
    }

    /// <summary>
    /// Stops starting attempts, waits for those in flight (each ends by its own timeout), and
    /// returns every recorded attempt (none if it never started). Cancelling the wait abandons the attempts still in flight:
    /// they are left out, not recorded as failures.
    /// </summary>
    public async Task<IReadOnlyList<AttemptRecord>> StopAsync(CancellationToken cancellationToken = default)
    {
        var previous = Interlocked.CompareExchange(ref _state, 2, 1);
        if (previous == 0)
        {
            return [];
        }

        if (previous == 1)
        {
            _schedule.RequestStop();
            await _schedule.Completion.ConfigureAwait(false);
            Release();
        }

        try
        {
            await _drained.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            throw;
        }

        return _log.Snapshot();
    }

    /// <summary>Stops without waiting for attempts in flight, and releases the HTTP client.</summary>
    public async ValueTask DisposeAsync()
    {
        await _abort.CancelAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _state, 2) == 1)
        {
            _schedule.RequestStop();
            await _schedule.Completion.ConfigureAwait(false);
            Release();
        }

        _schedule.Dispose();
        _runner.Dispose();
        _abort.Dispose();
    }

    /// <summary>
    /// On the schedule thread: takes the start and hands the attempt to the thread pool, so the schedule never waits
    /// for a send's synchronous part (the first one JIT-compiles the HTTP path: 13-86 ms measured on the schedule thread).
    /// </summary>
    private void Fire(long k)
    {
        Interlocked.Increment(ref _inFlight);
        var start = Stopwatch.GetTimestamp();
        ThreadPool.UnsafeQueueUserWorkItem(static s => _ = s.Probe.RunAsync(s.K, s.Start), (Probe: this, K: k, Start: start), preferLocal: false);
    }

    private async Task RunAsync(long k, long start)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
            if (await _runner.RunAsync(k, start, timeout, _abort.Token).ConfigureAwait(false) is { } attempt)
            {
                _log.Add(attempt);
            }
        }
        catch (ObjectDisposedException) when (_abort.IsCancellationRequested)
        {
            // disposed while this attempt waited for a thread: an abandoned attempt, left out like a cancelled one
        }
        finally
        {
            Release();
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }
    }
}
