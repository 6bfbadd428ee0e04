using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>
/// A Redis datastore seen the way a Sentinel client sees it: ask the Sentinels, in order, where the primary named
/// <see cref="MasterName"/> is (<c>SENTINEL get-master-addr-by-name</c>), then talk to that address. Also the
/// observer's questions (a server's <c>INFO replication</c>, the ledger's final read) and the negative control's
/// fault (cutting a replica off its primary). One StackExchange.Redis connection per address and purpose, kept open.
/// </summary>
/// <example><code>
/// await using var datastore = new SentinelDatastore(["127.20.0.9:26379"], "mymaster", TimeSpan.FromSeconds(1));
/// var primary = (await datastore.AskPrimaryAsync()).Primary;            // "127.10.0.5:6379"
/// var info = await datastore.ReplicationAsync(primary!);                 // primary with 2 online replica(s)
/// </code></example>
public sealed class SentinelDatastore : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ConnectionMultiplexer>>> _sentinels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<ConnectionMultiplexer>>> _writers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<ConnectionMultiplexer>>> _observers = new(StringComparer.Ordinal);
    private readonly TimeSpan _commandTimeout;

    /// <summary>A client of the Sentinels at <paramref name="sentinels"/> (host:port, asked in order) for the primary <paramref name="masterName"/>.</summary>
    /// <param name="sentinels">Sentinel addresses, host:port.</param>
    /// <param name="masterName">The primary's name at the Sentinels.</param>
    /// <param name="commandTimeout">No command waits longer (WAIT included).</param>
    public SentinelDatastore(IReadOnlyList<string> sentinels, string masterName, TimeSpan commandTimeout)
    {
        ArgumentNullException.ThrowIfNull(sentinels);
        Sentinels = sentinels;
        MasterName = masterName;
        _commandTimeout = commandTimeout;
    }

    /// <summary>The Sentinel addresses, in the order they are asked.</summary>
    public IReadOnlyList<string> Sentinels { get; }

    /// <summary>The primary's name at the Sentinels.</summary>
    public string MasterName { get; }

    /// <summary>Asks the Sentinels in order; the first that names the primary answers. Never throws for Redis reasons.</summary>
    public async Task<SentinelAnswer> AskPrimaryAsync(CancellationToken cancellationToken = default)
    {
        var problem = "no Sentinel address";
        foreach (var sentinel in Sentinels)
        {
            try
            {
                var connection = await ConnectAsync(_sentinels, sentinel, SentinelOptions).WaitAsync(_commandTimeout, cancellationToken).ConfigureAwait(false);
                var primary = await connection.GetServer(connection.GetEndPoints()[0]).SentinelGetMasterAddressByNameAsync(MasterName)
                    .WaitAsync(_commandTimeout, cancellationToken).ConfigureAwait(false);
                if (primary is not null)
                {
                    return new SentinelAnswer(Format(primary), sentinel, null);
                }

                problem = $"the Sentinel at {sentinel} does not know {MasterName}";
            }
            catch (Exception e) when (IsRedisFailure(e))
            {
                problem = $"the Sentinel at {sentinel} did not answer: {Describe(e)}";
            }
        }

        return new SentinelAnswer(null, null, problem);
    }

    /// <summary>
    /// The replicas the first answering Sentinel knows for the primary, as <c>host:port</c> with its flags (<c>slave</c>
    /// when healthy; <c>s_down</c>, <c>disconnected</c>... when not). A Sentinel promotes only a replica it knows.
    /// </summary>
    public async Task<IReadOnlyList<(string Address, string Flags)>> SentinelReplicasAsync(CancellationToken cancellationToken = default)
    {
        Exception? last = null;
        foreach (var sentinel in Sentinels)
        {
            try
            {
                var connection = await ConnectAsync(_sentinels, sentinel, SentinelOptions).WaitAsync(_commandTimeout, cancellationToken).ConfigureAwait(false);
                var replicas = await connection.GetServer(connection.GetEndPoints()[0]).SentinelReplicasAsync(MasterName)
                    .WaitAsync(_commandTimeout, cancellationToken).ConfigureAwait(false);
                return replicas.Select(r => r.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal))
                    .Select(r => ($"{r.GetValueOrDefault("ip")}:{r.GetValueOrDefault("port")}", r.GetValueOrDefault("flags") ?? "")).ToList();
            }
            catch (Exception e) when (IsRedisFailure(e))
            {
                last = e;
            }
        }

        throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, $"no Sentinel answered: {(last is null ? "none configured" : Describe(last))}");
    }

    /// <summary>
    /// The connection the ledger writes through to <paramref name="primary"/>, opened only for an address the Sentinels
    /// named primary (so the library never remembers it as a replica); connections to earlier primaries are closed.
    /// </summary>
    public async Task<IServer> WriterAsync(string primary, CancellationToken cancellationToken = default)
    {
        foreach (var stale in _writers.Keys.Where(a => a != primary).ToList())
        {
            if (_writers.TryRemove(stale, out var old) && old.IsValueCreated)
            {
                _ = old.Value.ContinueWith(t => t.Result.DisposeAsync().AsTask(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
        }

        var connection = await ConnectAsync(_writers, primary, ServerOptions).WaitAsync(_commandTimeout, cancellationToken).ConfigureAwait(false);
        return connection.GetServer(connection.GetEndPoints()[0]);
    }

    /// <summary>The server at <paramref name="address"/>'s <c>INFO replication</c>.</summary>
    /// <exception cref="RedisException">It did not answer.</exception>
    public async Task<ReplicationInfo> ReplicationAsync(string address, CancellationToken cancellationToken = default)
    {
        var server = await ObserverAsync(address, cancellationToken).ConfigureAwait(false);
        var info = await server.ExecuteAsync("INFO", "replication").WaitAsync(_commandTimeout, cancellationToken).ConfigureAwait(false);
        return ReplicationInfo.Parse(info.ToString());
    }

    /// <summary>
    /// Negative control: makes the replica at <paramref name="replica"/> follow an address nothing listens on (its own host,
    /// port 1), so it stops receiving the primary's writes. The Sentinels leave it so for their failover timeout.
    /// </summary>
    public async Task CutOffAsync(string replica, CancellationToken cancellationToken = default)
    {
        var server = await ObserverAsync(replica, cancellationToken).ConfigureAwait(false);
        var host = replica[..replica.LastIndexOf(':')];
        await server.ExecuteAsync("REPLICAOF", host, "1").WaitAsync(_commandTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every entry of the list <paramref name="key"/> from <paramref name="address"/> (the primary, after recovery).</summary>
    public async Task<LedgerRead> ReadLedgerAsync(string address, string key, CancellationToken cancellationToken = default)
    {
        var server = await ObserverAsync(address, cancellationToken).ConfigureAwait(false);
        var entries = (RedisResult[]?)await server.ExecuteAsync("LRANGE", key, "0", "-1").WaitAsync(_commandTimeout, cancellationToken).ConfigureAwait(false) ?? [];
        return new LedgerRead(entries.Select(e => long.Parse(e.ToString(), CultureInfo.InvariantCulture)).ToList(), Measurement.MeasurementClock.UtcNow, address);
    }

    /// <summary>Deletes <paramref name="key"/> on <paramref name="address"/> (the run's ledger, once read).</summary>
    public async Task DeleteAsync(string address, string key, CancellationToken cancellationToken = default)
    {
        var server = await ObserverAsync(address, cancellationToken).ConfigureAwait(false);
        await server.ExecuteAsync("DEL", key).WaitAsync(_commandTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A short reason for a failed command: <c>Connection refused</c>, <c>no reply within 1000 ms</c>, the server's error.</summary>
    public static string Describe(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        switch (failure)
        {
            case TimeoutException or RedisTimeoutException:
                return "no reply in time";
            case RedisServerException server:
                return server.Message;
        }

        for (var cause = failure; cause is not null; cause = cause.InnerException)
        {
            if (cause is System.Net.Sockets.SocketException socket)
            {
                return socket.Message;
            }
        }

        return failure is RedisConnectionException connection ? $"not connected ({connection.FailureType})" : failure.Message.Split('\n')[0];
    }

    /// <summary>True for what a datastore that is down, slow or refusing causes.</summary>
    public static bool IsRedisFailure(Exception failure) => failure is RedisException or TimeoutException or InvalidCastException or FormatException;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _sentinels.Values.Concat(_writers.Values).Concat(_observers.Values).Where(c => c.IsValueCreated))
        {
            try
            {
                await (await connection.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (IsRedisFailure(e))
            {
                // A connection that never opened has nothing to close.
            }
        }
    }

    private async Task<IServer> ObserverAsync(string address, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(_observers, address, ServerOptions).WaitAsync(_commandTimeout, cancellationToken).ConfigureAwait(false);
        return connection.GetServer(connection.GetEndPoints()[0]);
    }

    private static Task<ConnectionMultiplexer> ConnectAsync(ConcurrentDictionary<string, Lazy<Task<ConnectionMultiplexer>>> cache, string address,
        Func<string, ConfigurationOptions> options) =>
        cache.GetOrAdd(address, a => new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(options(a)))).Value;

    /// <summary>
    /// Tuned for servers that are killed on purpose: start while it is down (no abort), fail at once while disconnected
    /// (no backlog), reconnect every 250 ms, one TCP connection per address (no pub/sub), admin commands allowed (REPLICAOF).
    /// </summary>
    private ConfigurationOptions ServerOptions(string address) => new()
    {
        EndPoints = { address },
        ClientName = "zerodowntime-ledger",
        AbortOnConnectFail = false,
        AllowAdmin = true,
        ConnectTimeout = (int)_commandTimeout.TotalMilliseconds,
        ConnectRetry = 1,
        SyncTimeout = (int)_commandTimeout.TotalMilliseconds,
        AsyncTimeout = (int)_commandTimeout.TotalMilliseconds,
        BacklogPolicy = BacklogPolicy.FailFast,
        ReconnectRetryPolicy = new LinearRetry(250),
        HeartbeatInterval = TimeSpan.FromMilliseconds(250),
        CommandMap = CommandMap.Create(["SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE"], available: false),
        ConfigurationChannel = "",
        TieBreaker = "",
    };

    private ConfigurationOptions SentinelOptions(string address)
    {
        var options = ServerOptions(address);
        options.AllowAdmin = false;
        options.CommandMap = CommandMap.Create(["auth", "hello", "ping", "info", "role", "sentinel"], available: true);
        return options;
    }

    private static string Format(EndPoint endpoint) => endpoint switch
    {
        IPEndPoint ip => $"{ip.Address}:{ip.Port}",
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endpoint.ToString() ?? "",
    };
}
