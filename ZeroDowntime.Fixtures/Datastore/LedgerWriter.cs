using StackExchange.Redis;
using ZeroDowntime.Fixtures.Configuration;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>
/// Writes the ledger as a client of the datastore would, like Jepsen's set workload: unique, increasing entries
/// (<c>RPUSH key N</c>), one at a time at a set rate, each through the Sentinels to the primary they name. A write is
/// acknowledged when the primary took it and, with <see cref="WriteAcknowledgement.Replica"/>, <c>WAIT 1</c> confirmed
/// that a replica has it too. Every attempt is recorded with its times, and appended to the raw ledger as it completes.
/// </summary>
/// <example><code>
/// await using var writer = new LedgerWriter(datastore, new LedgerWriterOptions("zerodowntime:ledger:run-1", 50, TimeSpan.FromSeconds(1),
///     WriteAcknowledgement.Replica, TimeSpan.FromMilliseconds(500)), file);
/// writer.Start();
/// ... kill the primary, wait for recovery ...
/// var attempts = await writer.StopAsync();
/// var check = LedgerChecker.Check(attempts, await datastore.ReadLedgerAsync(primary, writer.Options.Key));
/// </code></example>
public sealed class LedgerWriter : IAsyncDisposable
{
    private readonly SentinelDatastore _datastore;
    private readonly LedgerFile? _file;
    private readonly List<LedgerAttempt> _attempts = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>A writer through <paramref name="datastore"/>; <paramref name="file"/> receives every attempt (null: memory only).</summary>
    public LedgerWriter(SentinelDatastore datastore, LedgerWriterOptions options, LedgerFile? file = null)
    {
        _datastore = datastore;
        Options = options;
        _file = file;
    }

    /// <summary>What and how it writes.</summary>
    public LedgerWriterOptions Options { get; }

    /// <summary>When the first write was due; null before <see cref="Start"/>.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>The attempts so far, in order.</summary>
    public IReadOnlyList<LedgerAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return _attempts.ToList();
            }
        }
    }

    /// <summary>Starts writing in the background.</summary>
    public void Start()
    {
        StartedAt = MeasurementClock.UtcNow;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Stops after the write in flight completes; returns every attempt.</summary>
    public async Task<IReadOnlyList<LedgerAttempt>> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        return Attempts;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var period = TimeSpan.FromSeconds(1 / Options.RatePerSecond);
        var due = StartedAt!.Value;
        for (long sequence = 1; !stop.IsCancellationRequested; sequence++)
        {
            var wait = due - MeasurementClock.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    // The write rate is the workload the scenario prescribes; a late write starts at once (no burst to catch up).
                    await Task.Delay(wait, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            due = Max(due + period, MeasurementClock.UtcNow);
            var attempt = await WriteAsync(sequence).ConfigureAwait(false);
            lock (_gate)
            {
                _attempts.Add(attempt);
            }

            _file?.Write(attempt);
        }
    }

    /// <summary>One write, never throwing: asks the Sentinels, pushes the entry, waits for a replica when asked to.</summary>
    private async Task<LedgerAttempt> WriteAsync(long sequence)
    {
        var attemptedAt = MeasurementClock.UtcNow;
        string? primary = null;
        using var deadline = new CancellationTokenSource(Options.WriteTimeout);
        try
        {
            var answer = await _datastore.AskPrimaryAsync(deadline.Token).ConfigureAwait(false);
            primary = answer.Primary;
            if (primary is null)
            {
                return Failed($"no primary: {answer.Problem}");
            }

            var server = await _datastore.WriterAsync(primary, deadline.Token).ConfigureAwait(false);
            await server.ExecuteAsync("RPUSH", Options.Key, sequence).WaitAsync(deadline.Token).ConfigureAwait(false);
            if (Options.Acknowledge == WriteAcknowledgement.Replica)
            {
                var replicas = (long)await server.ExecuteAsync("WAIT", 1, (long)Options.ReplicaAckTimeout.TotalMilliseconds).WaitAsync(deadline.Token).ConfigureAwait(false);
                if (replicas < 1)
                {
                    return Failed($"WAIT: no replica confirmed within {Options.ReplicaAckTimeout.TotalMilliseconds:0} ms");
                }
            }

            var acknowledged = MeasurementClock.UtcNow;
            return new LedgerAttempt(sequence, attemptedAt, acknowledged, acknowledged, primary, null);
        }
        catch (OperationCanceledException)
        {
            return Failed($"no acknowledgement within {Options.WriteTimeout.TotalMilliseconds:0} ms");
        }
        catch (Exception e) when (SentinelDatastore.IsRedisFailure(e))
        {
            return Failed(SentinelDatastore.Describe(e));
        }

        LedgerAttempt Failed(string detail) => new(sequence, attemptedAt, MeasurementClock.UtcNow, null, primary, detail);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
