using System.Text.Json;
using ZeroDowntime.MockVllm.Membership;
using ZeroDowntime.MockVllm.Serving;

namespace ZeroDowntime.MockVllm.Redis;

/// <summary>
/// Keeps the membership snapshot in every configured Redis: writes go to every reachable address, a load reads
/// all of them and keeps the newest snapshot. Failures are logged once per address and never thrown.
/// </summary>
internal sealed class RedisMembershipStore(MockVllmOptions options, EventLog log)
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromMilliseconds(750);
    private readonly Dictionary<string, bool> reachable = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public async Task<MembershipSnapshot?> LoadNewestAsync(CancellationToken cancellationToken)
    {
        var loads = options.RedisAddresses.Select(address => LoadAsync(address, cancellationToken));
        var snapshots = await Task.WhenAll(loads);
        return snapshots.Where(s => s is not null).OrderByDescending(s => s!.SavedAtMs).FirstOrDefault();
    }

    /// <summary>Writes the snapshot to every address in parallel; returns how many took it.</summary>
    public async Task<int> SaveAsync(MembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(snapshot, MembershipJson.Options);
        var writes = options.RedisAddresses.Select(async address =>
        {
            try
            {
                await using var client = await OpenAsync(address, cancellationToken);
                await client.SetAsync(options.RedisKey, json, cancellationToken);
                NoteReachable(address, true, null);
                return 1;
            }
            catch (Exception ex) when (IsRedisFailure(ex, cancellationToken))
            {
                NoteReachable(address, false, ex.Message);
                return 0;
            }
        });
        return (await Task.WhenAll(writes)).Sum();
    }

    private async Task<MembershipSnapshot?> LoadAsync(string address, CancellationToken cancellationToken)
    {
        try
        {
            await using var client = await OpenAsync(address, cancellationToken);
            var json = await client.GetAsync(options.RedisKey, cancellationToken);
            NoteReachable(address, true, null);
            if (json is null)
            {
                log.Write($"redis {address}: no membership stored under {options.RedisKey}");
                return null;
            }
            var snapshot = JsonSerializer.Deserialize<MembershipSnapshot>(json, MembershipJson.Options);
            log.Write($"redis {address}: found membership of {snapshot?.Nodes.Count ?? 0} node(s) saved by head instance {snapshot?.HeadInstanceId[..Math.Min(8, snapshot.HeadInstanceId.Length)]}");
            return snapshot;
        }
        catch (JsonException ex)
        {
            log.Write($"redis {address}: ignoring unreadable membership under {options.RedisKey}: {ex.Message}");
            return null;
        }
        catch (Exception ex) when (IsRedisFailure(ex, cancellationToken))
        {
            NoteReachable(address, false, ex.Message);
            return null;
        }
    }

    private async Task<RespClient> OpenAsync(string address, CancellationToken cancellationToken)
    {
        var client = await RespClient.ConnectAsync(address, OperationTimeout, cancellationToken);
        try
        {
            if (!string.IsNullOrEmpty(options.RedisPassword))
            {
                await client.AuthAsync(options.RedisPassword, cancellationToken);
            }
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private void NoteReachable(string address, bool isReachable, string? error)
    {
        lock (gate)
        {
            // Log transitions only, so a Redis that stays down does not flood the log.
            if (reachable.TryGetValue(address, out var before) && before == isReachable)
            {
                return;
            }
            reachable[address] = isReachable;
        }
        log.Write(isReachable ? $"redis {address} reachable" : $"redis {address} unreachable ({error}); membership persistence degraded");
    }

    private static bool IsRedisFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is System.Net.Sockets.SocketException or IOException or TimeoutException or RespException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
