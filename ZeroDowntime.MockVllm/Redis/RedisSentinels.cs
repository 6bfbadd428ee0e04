using System.Collections.Concurrent;
using System.Net;
using StackExchange.Redis;
using ZeroDowntime.MockVllm.Serving;

namespace ZeroDowntime.MockVllm.Redis;

/// <summary>
/// Asks the configured Sentinels, in order, where the primary named <c>--redis-master-name</c> is
/// (<c>SENTINEL get-master-addr-by-name</c>), as Redis' guidelines for Sentinel clients describe: the first Sentinel
/// that answers wins, and the question is asked again before every write, so a failover is followed as soon as
/// the Sentinels have promoted a replica. One kept StackExchange.Redis connection per Sentinel address. Changes of
/// the answer are logged once; nothing here throws for Redis reasons.
/// </summary>
/// <remarks>
/// Not the library's own Sentinel mode (<c>serviceName=</c>): that mode needs a pub/sub connection to every Sentinel,
/// and its connect throws while no Sentinel answers, which is the normal state of a head that starts before its
/// Sentinels (or on a machine that has none). Asking before each write needs neither.
/// </remarks>
internal sealed class RedisSentinels(MockVllmOptions options, EventLog log) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ConnectionMultiplexer>>> connections = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private string? lastAnswer;

    /// <summary>True when Sentinels are configured.</summary>
    public bool Configured => options.RedisSentinels.Count > 0;

    /// <summary>The primary's host:port as the first answering Sentinel names it; null when none does.</summary>
    public async Task<string?> PrimaryAsync(CancellationToken cancellationToken)
    {
        var reason = "no sentinel configured";
        foreach (var sentinel in options.RedisSentinels)
        {
            try
            {
                var connection = await ConnectAsync(sentinel).WaitAsync(cancellationToken);
                var server = connection.GetServer(connection.GetEndPoints()[0]);
                var primary = await server.SentinelGetMasterAddressByNameAsync(options.RedisMasterName).WaitAsync(cancellationToken);
                if (primary is null)
                {
                    reason = $"sentinel {sentinel} does not know {options.RedisMasterName}";
                    continue;
                }

                var address = Format(primary);
                Note(address, $"sentinel {sentinel} names {address} the redis primary {options.RedisMasterName}");
                return address;
            }
            catch (Exception ex) when (RedisConnections.IsRedisFailure(ex))
            {
                reason = $"sentinel {sentinel}: {RedisConnections.Describe(ex).Reason}";
            }
        }

        var fallback = options.RedisAddresses.Count > 0 ? $"writing to redis {string.Join(",", options.RedisAddresses)} instead" : "membership persistence degraded";
        Note(null, $"no sentinel names the redis primary {options.RedisMasterName} ({reason}); {fallback}");
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections.Values.Where(c => c.IsValueCreated))
        {
            try
            {
                await (await connection.Value).DisposeAsync();
            }
            catch (Exception ex) when (RedisConnections.IsRedisFailure(ex))
            {
                // A connection that never opened has nothing to close.
            }
        }
    }

    private static string Format(EndPoint endpoint) => endpoint switch
    {
        IPEndPoint ip => $"{ip.Address}:{ip.Port}",
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endpoint.ToString() ?? "",
    };

    private Task<ConnectionMultiplexer> ConnectAsync(string address) =>
        connections.GetOrAdd(address, a => new Lazy<Task<ConnectionMultiplexer>>(
            () => ConnectionMultiplexer.ConnectAsync(RedisConnections.ForSentinel(a)))).Value;

    private void Note(string? answer, string message)
    {
        lock (gate)
        {
            // Log changes only: the question is asked before every write.
            if (lastAnswer == (answer ?? ""))
            {
                return;
            }

            lastAnswer = answer ?? "";
        }

        log.Write(message);
    }
}
