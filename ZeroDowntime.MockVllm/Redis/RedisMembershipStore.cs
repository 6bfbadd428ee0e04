using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;
using ZeroDowntime.MockVllm.Membership;
using ZeroDowntime.MockVllm.Serving;

namespace ZeroDowntime.MockVllm.Redis;

/// <summary>
/// Keeps the membership snapshot in Redis: in the primary the Sentinels name when they are configured and one
/// answers (<see cref="RedisSentinels"/>), otherwise in every configured address. Writes go to every target, a
/// load reads all of them and keeps the newest snapshot. One StackExchange.Redis connection per address, kept
/// open and re-established by the library (see <see cref="RedisConnections.For"/>); a primary the Sentinels no
/// longer name is let go. Failures are logged once per transition and per address, and never thrown.
/// </summary>
internal sealed class RedisMembershipStore(MockVllmOptions options, RedisSentinels sentinels, EventLog log) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ConnectionMultiplexer>>> connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (bool Reachable, bool Specific)> states = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private string? primary;

    /// <summary>Raised when a lost connection is back (e.g. to a replaced Redis pod), so the snapshot can be written again at once.</summary>
    public event Action? Reconnected;

    public async Task<MembershipSnapshot?> LoadNewestAsync(CancellationToken cancellationToken)
    {
        var loads = (await TargetsAsync(cancellationToken)).Select(address => LoadAsync(address, cancellationToken));
        var snapshots = await Task.WhenAll(loads);
        return snapshots.Where(s => s is not null).OrderByDescending(s => s!.SavedAtMs).FirstOrDefault();
    }

    /// <summary>Writes the snapshot to every address in parallel; returns how many took it.</summary>
    public async Task<int> SaveAsync(MembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(snapshot, MembershipJson.Options);
        var writes = (await TargetsAsync(cancellationToken)).Select(async address =>
        {
            try
            {
                var redis = await ConnectAsync(address).WaitAsync(cancellationToken);
                await redis.GetDatabase().StringSetAsync(options.RedisKey, json).WaitAsync(cancellationToken);
                NoteReachable(address);
                return 1;
            }
            catch (Exception ex) when (RedisConnections.IsRedisFailure(ex))
            {
                NoteUnreachable(address, RedisConnections.Describe(ex));
                return 0;
            }
        });
        return (await Task.WhenAll(writes)).Sum();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections.Values.Where(c => c.IsValueCreated))
        {
            var redis = await connection.Value;
            await redis.DisposeAsync();
        }
    }

    /// <summary>Where the snapshot goes now: the Sentinels' primary, else the configured addresses.</summary>
    private async Task<IReadOnlyList<string>> TargetsAsync(CancellationToken cancellationToken)
    {
        var named = sentinels.Configured ? await sentinels.PrimaryAsync(cancellationToken) : null;
        string? replaced;
        lock (gate)
        {
            replaced = primary != named && primary is not null && !options.RedisAddresses.Contains(primary) ? primary : null;
            primary = named;
        }

        if (replaced is not null && connections.TryRemove(replaced, out var old) && old.IsValueCreated)
        {
            // The old primary's pod is usually gone: its connection would retry forever in the background.
            _ = old.Value.ContinueWith(t => t.Result.DisposeAsync().AsTask(), CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }

        return named is not null ? [named] : options.RedisAddresses;
    }

    private async Task<MembershipSnapshot?> LoadAsync(string address, CancellationToken cancellationToken)
    {
        try
        {
            var redis = await ConnectAsync(address).WaitAsync(cancellationToken);
            var json = await redis.GetDatabase().StringGetAsync(options.RedisKey).WaitAsync(cancellationToken);
            NoteReachable(address);
            if (json.IsNull)
            {
                log.Write($"redis {address}: no membership stored under {options.RedisKey}");
                return null;
            }
            var snapshot = JsonSerializer.Deserialize<MembershipSnapshot>(json.ToString(), MembershipJson.Options);
            log.Write($"redis {address}: found membership of {snapshot?.Nodes.Count ?? 0} node(s) saved by head instance {snapshot?.HeadInstanceId[..Math.Min(8, snapshot.HeadInstanceId.Length)]}");
            return snapshot;
        }
        catch (JsonException ex)
        {
            log.Write($"redis {address}: ignoring unreadable membership under {options.RedisKey}: {ex.Message}");
            return null;
        }
        catch (Exception ex) when (RedisConnections.IsRedisFailure(ex))
        {
            NoteUnreachable(address, RedisConnections.Describe(ex));
            return null;
        }
    }

    /// <summary>The address's connection, opened on first use (it returns within the connect timeout even when Redis is down).</summary>
    private Task<ConnectionMultiplexer> ConnectAsync(string address) =>
        connections.GetOrAdd(address, a => new Lazy<Task<ConnectionMultiplexer>>(() => OpenAsync(a))).Value;

    private async Task<ConnectionMultiplexer> OpenAsync(string address)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(RedisConnections.For(address, options.RedisPassword));
        redis.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                NoteUnreachable(address, (RedisConnections.Describe(e), true));
            }
        };
        redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                Reconnected?.Invoke();
            }
        };
        return redis;
    }

    private void NoteReachable(string address)
    {
        lock (gate)
        {
            // Log transitions only, so a Redis that stays down does not flood the log.
            if (states.TryGetValue(address, out var before) && before.Reachable)
            {
                return;
            }
            states[address] = (true, true);
        }
        log.Write($"redis {address} reachable");
    }

    private void NoteUnreachable(string address, (string Reason, bool Specific) failure)
    {
        lock (gate)
        {
            // Log the transition, and once more if a vague "not connected" later learns its cause (e.g. a wrong password).
            if (states.TryGetValue(address, out var before) && !before.Reachable && (before.Specific || !failure.Specific))
            {
                return;
            }
            states[address] = (false, failure.Specific);
        }
        log.Write($"redis {address} unreachable ({failure.Reason}); membership persistence degraded");
    }
}
