using System.Diagnostics;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// The in-process load generator with k6's <c>constant-arrival-rate</c> contract: attempt k is
/// due at t0 + k/rate (with <see cref="LoadOptions.Stages"/>, where the stages' cumulative count reaches k:
/// <c>ramping-arrival-rate</c>); if <see cref="LoadOptions.MaxConcurrency"/> attempts are already in flight
/// it is dropped and counted (k6's <c>dropped_iterations</c>), never delayed. Same request,
/// success check and per-attempt record as the probe. Used where k6 cannot run (the embedded
/// cluster, or <c>ZD_LOAD=builtin</c>).
/// </summary>
/// <remarks>
/// One difference from k6: at stop, attempts in flight are awaited (each ends by its timeout) and
/// recorded, where k6 drops them. Evidence is never thrown away.
/// </remarks>
/// <example>
/// <code>
/// await using var load = new BuiltInLoadGenerator(new LoadOptions { Request = request, Rate = 5, MaxConcurrency = 10 });
/// await load.StartAsync();
/// // ... disrupt ...
/// LoadSummary summary = await load.StopAsync();   // summary.Generator == "builtin"
/// </code>
/// </example>
public sealed class BuiltInLoadGenerator : ILoadGenerator
{
    /// <summary>The name reports show for this generator.</summary>
    public const string GeneratorName = "builtin";

    private readonly AttemptLog _log = new();
    private readonly HttpAttemptRunner _runner;
    private readonly OpenLoopSchedule _schedule;
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ArrivalWorkers _workers;
    private readonly int _cap;
    private int _references; // running workers
    private int _state;
    private long _startTimestamp;
    private long _stopTimestamp;
    private LoadGeneratorFailedException? _died; // a worker threw something that is not an attempt's outcome

    /// <summary>Creates the generator; nothing is sent before <see cref="StartAsync"/>.</summary>
    public BuiltInLoadGenerator(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrency, 1);
        Options = options;
        _cap = options.MaxConcurrency;
        _runner = new HttpAttemptRunner(options.Request, options.RequestTimeout, options.ConnectionMode, AttemptSources.BuiltInLoad, CreateHandler(options));
        _schedule = options.Stages is { Count: > 0 } stages
            ? new OpenLoopSchedule(k => LoadStages.DueTime(stages, k), stages.Max(s => s.Rate), options.Duration, Fire, "zd-load-schedule")
            : new OpenLoopSchedule(options.Rate, options.Duration, Fire, "zd-load-schedule");
        _workers = new ArrivalWorkers(_schedule.IsDueBy);
    }

    /// <inheritdoc />
    public string Name => GeneratorName;

    /// <summary>The load contract.</summary>
    public LoadOptions Options { get; }

    /// <summary>Attempts dropped so far because the concurrency cap was reached.</summary>
    public long DroppedIterations => _workers.Dropped;

    /// <inheritdoc />
    public Task Completion => _drained.Task;

    /// <inheritdoc />
    public IReadOnlyList<AttemptRecord> Attempts => _log.Snapshot();

    /// <inheritdoc />
    public LoadSummary? Summary { get; private set; }

    /// <summary>Replaces one attempt (tests: a worker that throws); null sends the request.</summary>
    internal Func<long, CancellationToken, Task<AttemptRecord?>>? AttemptOverride { get; init; }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("A BuiltInLoadGenerator can be started only once.");
        }

        ThreadPoolHeadroom.Ensure();
        _startTimestamp = Stopwatch.GetTimestamp();
        _references = _cap;
        for (var i = 0; i < _cap; i++)
        {
            _ = WorkAsync(); // idle until the schedule starts: attempt 0 finds them waiting
        }

        _schedule.Start();
        _ = CloseWhenScheduleEndsAsync();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<LoadSummary> StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 2, 1) == 0)
        {
            throw new InvalidOperationException("The load generator was never started.");
        }

        _schedule.RequestStop();
        try
        {
            await _drained.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            throw;
        }

        var attempts = _log.Snapshot();
        Summary = LoadSummary.FromAttempts(GeneratorName, attempts, DroppedIterations, Stopwatch.GetElapsedTime(_startTimestamp, Interlocked.Read(ref _stopTimestamp)));
        return Summary;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _abort.CancelAsync().ConfigureAwait(false);
        _schedule.RequestStop();
        if (_state != 0)
        {
            await _schedule.Completion.ConfigureAwait(false);
            // Aborted attempts end at once; no worker may outlive the client. A generator that died says so in StopAsync, not here.
            await _drained.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _schedule.Dispose();
        _runner.Dispose();
        _abort.Dispose();
    }

    private static SocketsHttpHandler CreateHandler(LoadOptions options)
    {
        var handler = HttpAttemptRunner.CreateHandler(options.ConnectionMode);
        handler.MaxConnectionsPerServer = options.MaxConcurrency; // like k6: one connection per VU at most
        return handler;
    }

    private void Fire(long k) => _workers.Due(k);

    /// <summary>One of the <see cref="LoadOptions.MaxConcurrency"/> workers (k6's VUs): runs the attempts it is handed, one at a time.</summary>
    private async Task WorkAsync()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        try
        {
            for (var ticket = await _workers.NextAsync().ConfigureAwait(false); !ticket.IsNone; ticket = await _workers.NextAsync().ConfigureAwait(false))
            {
                var run = AttemptOverride?.Invoke(ticket.Sequence, _abort.Token) ?? _runner.RunAsync(ticket.Sequence, ticket.StartTimestamp, timeout, _abort.Token);
                if (await run.ConfigureAwait(false) is { } attempt)
                {
                    _log.Add(attempt);
                }

                if (!timeout.TryReset())
                {
                    timeout.Dispose(); // it fired (a timeout or the abort): a fired source cannot be reused
                    timeout = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not a failed request (those are attempts) but the generator itself broken: it stops, as a dead k6 would,
            // and Completion and StopAsync say so; the attempts recorded before it stay.
            Interlocked.CompareExchange(ref _died, new LoadGeneratorFailedException(GeneratorName, [$"a load worker threw {e.GetType().Name}: {e.Message}"], e), null);
            _schedule.RequestStop();
        }
        finally
        {
            timeout.Dispose();
            Release();
        }
    }

    private async Task CloseWhenScheduleEndsAsync()
    {
        await _schedule.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Interlocked.Exchange(ref _stopTimestamp, Stopwatch.GetTimestamp());
        _workers.Close();
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            if (Volatile.Read(ref _died) is { } died)
            {
                _drained.TrySetException(died);
            }
            else
            {
                _drained.TrySetResult();
            }
        }
    }
}
