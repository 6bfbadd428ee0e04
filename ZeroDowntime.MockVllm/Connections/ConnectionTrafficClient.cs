namespace ZeroDowntime.MockVllm.Connections;

/// <summary>
/// Connection-level traffic, as the reference upgrade test's generator: <see cref="ConnectionTrafficOptions.Connections"/>
/// long-lived TCP connections, each sending small requests at its own rate and reading every
/// answer. A lost connection (server FIN, RST, an answer later than the read deadline) is replaced
/// at once; a failed connect is retried with a back-off from 100 ms doubling to 1 s. Every
/// connection leaves one <see cref="ConnectionRecord"/>: the pod that served it, its requests, why it ended.
/// </summary>
/// <example><code>
/// await using var traffic = new ConnectionTrafficClient(new ConnectionTrafficOptions { Host = "127.30.0.5", Port = 5003, Connections = 80 });
/// traffic.Start();
/// await traffic.AllEstablished.WaitAsync(TimeSpan.FromSeconds(30));
/// // ... upgrade ...
/// IReadOnlyList&lt;ConnectionRecord&gt; records = await traffic.StopAsync();
/// Console.Write(ConnectionSummary.Of(records).ToText());
/// </code></example>
public sealed class ConnectionTrafficClient : IAsyncDisposable
{
    private readonly ConnectionTrafficOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<ConnectionRecord> _records = [];
    private readonly TaskCompletionSource _allEstablished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task[] _slots = [];
    private int _establishedSlots;
    private IReadOnlyList<ConnectionRecord>? _final;

    /// <summary>Creates the client; nothing connects before <see cref="Start"/>.</summary>
    public ConnectionTrafficClient(ConnectionTrafficOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Connections, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RatePerConnection);
        _options = options;
    }

    /// <summary>Completes once every slot has had a connection established (the traffic is fully up).</summary>
    public Task AllEstablished => _allEstablished.Task;

    /// <summary>Slots whose first connection is established.</summary>
    public int EstablishedSlots => Volatile.Read(ref _establishedSlots);

    /// <summary>The records of the connections that ended so far, in the order they ended.</summary>
    public IReadOnlyList<ConnectionRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>Opens the connections (each slot runs on its own until <see cref="StopAsync"/>).</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_slots.Length > 0)
            {
                throw new InvalidOperationException("The connection traffic was already started.");
            }

            _slots = Enumerable.Range(0, _options.Connections).Select(slot => Task.Run(() => RunSlotAsync(slot))).ToArray();
        }
    }

    /// <summary>Stops every slot (outstanding answers are still awaited up to the read deadline) and returns all records; open connections end as <see cref="ConnectionEnd.Lasting"/>.</summary>
    public async Task<IReadOnlyList<ConnectionRecord>> StopAsync()
    {
        if (_final is not null)
        {
            return _final;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_slots).ConfigureAwait(false);
        _final = Records;
        return _final;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunSlotAsync(int slot)
    {
        var backoff = _options.MinBackoff;
        var everEstablished = false;
        for (var attempt = 1; !_stop.IsCancellationRequested; attempt++)
        {
            var connection = new ClientConnection(_options, slot, attempt);
            var record = await connection.RunAsync(() =>
            {
                if (!everEstablished)
                {
                    everEstablished = true;
                    if (Interlocked.Increment(ref _establishedSlots) == _options.Connections)
                    {
                        _allEstablished.TrySetResult();
                    }
                }
            }, _stop.Token).ConfigureAwait(false);
            if (record.IsFailedConnect && _stop.IsCancellationRequested)
            {
                break; // the stop interrupted a connect: not a failure of the service
            }

            Add(record);
            if (!record.IsFailedConnect)
            {
                backoff = _options.MinBackoff; // a lost connection is replaced at once
                continue;
            }

            try
            {
                // Only failed connects back off, so a dead address is not hammered.
                await Task.Delay(backoff, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    private void Add(ConnectionRecord record)
    {
        lock (_gate)
        {
            _records.Add(record);
        }

        _options.OnRecord?.Invoke(record);
    }
}
