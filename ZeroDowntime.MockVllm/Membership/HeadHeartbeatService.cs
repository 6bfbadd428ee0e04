using System.Net.Http.Json;
using ZeroDowntime.MockVllm.Serving;

namespace ZeroDowntime.MockVllm.Membership;

/// <summary>
/// Worker: registers with the head and heartbeats; while the head is unreachable it retries with capped
/// exponential backoff and keeps serving; a new head instance id in a reply means it reconnected to a new head.
/// </summary>
internal sealed class HeadHeartbeatService : BackgroundService
{
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(1);
    private readonly MockVllmOptions options;
    private readonly EventLog log;
    private readonly HttpClient http;
    private readonly long startTimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly CancellationTokenSource stopHeartbeats = new();
    private string? headInstanceId;

    public HeadHeartbeatService(MockVllmOptions options, EventLog log)
    {
        this.options = options;
        this.log = log;
        var requestTimeout = TimeSpan.FromMilliseconds(Math.Max(1000, options.HeartbeatInterval.TotalMilliseconds * 2));
        http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = requestTimeout,
            // A replaced head leaves dead pooled connections behind; keep them short-lived.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
        })
        {
            // Relative request paths keep any path prefix of --head (e.g. an API server's service proxy URL).
            BaseAddress = options.HeadAddress is { } head && !head.AbsolutePath.EndsWith('/') ? new Uri(head + "/") : options.HeadAddress,
            Timeout = requestTimeout,
        };
    }

    /// <summary>Stops heartbeating (so the head cannot revive us) and tells the head this node is leaving.</summary>
    public async Task LeaveAsync(string reason)
    {
        await stopHeartbeats.CancelAsync();
        if (ExecuteTask is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        try
        {
            using var timeout = new CancellationTokenSource(LeaveTimeout);
            using var response = await http.PostAsJsonAsync(MembershipEndpoints.LeavePath.TrimStart('/'), new LeaveRequest(options.NodeId, reason), MembershipJson.Options, timeout.Token);
            log.Write($"told head {options.HeadAddress} this node is leaving (HTTP {(int)response.StatusCode})");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            log.Write($"could not tell head {options.HeadAddress} this node is leaving: {ex.Message}");
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        stopHeartbeats.Dispose();
        http.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, stopHeartbeats.Token);
        var token = linked.Token;
        var failures = 0;
        log.Write($"heartbeating to head {options.HeadAddress} every {options.HeartbeatInterval.TotalMilliseconds:0}ms");
        while (!token.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var reply = await SendHeartbeatAsync(token);
                Report(reply, failures);
                failures = 0;
                wait = options.HeartbeatInterval;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Whatever the head or the network does (a proxy that resets a connection mid-connect surfaces as a bare
                // SocketException), a worker keeps serving and retries, as a Ray worker does: it must never stop the host.
                failures++;
                if (failures == 1)
                {
                    log.Write($"lost contact with head {options.HeadAddress}: {ex.GetType().Name}: {ex.Message}; still serving, retrying with backoff up to {options.HeadMaxBackoff.TotalSeconds:0.#}s");
                }
                wait = Backoff(failures);
            }
            try
            {
                // The wait is the heartbeat period (or the retry backoff): it is the behaviour, not a settle delay.
                await Task.Delay(wait, token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<HeartbeatReply> SendHeartbeatAsync(CancellationToken token)
    {
        var request = new HeartbeatRequest(
            options.NodeId,
            options.NodeName,
            options.NodeIp,
            startTimeMs,
            NodeRecord.DefaultResources(NodeRole.Worker, options.NodeIp),
            new() { ["ray.io/node_id"] = options.NodeId },
            headInstanceId);
        using var response = await http.PostAsJsonAsync(MembershipEndpoints.HeartbeatPath.TrimStart('/'), request, MembershipJson.Options, token);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<HeartbeatReply>(MembershipJson.Options, token)
            ?? throw new HttpRequestException("The head answered an empty heartbeat reply.");
    }

    private void Report(HeartbeatReply reply, int failuresBefore)
    {
        if (headInstanceId is null)
        {
            log.Write($"registered with head {options.HeadAddress} (head instance {reply.HeadInstanceId[..8]})");
        }
        else if (reply.HeadInstanceId != headInstanceId)
        {
            log.Write($"reconnected to new head instance {reply.HeadInstanceId[..8]} at {options.HeadAddress} after {failuresBefore} failed heartbeat(s)");
        }
        else if (failuresBefore > 0)
        {
            log.Write($"head {options.HeadAddress} reachable again after {failuresBefore} failed heartbeat(s)");
        }
        headInstanceId = reply.HeadInstanceId;
    }

    private TimeSpan Backoff(int failures)
    {
        var exponent = Math.Min(failures - 1, 10);
        var ms = options.HeartbeatInterval.TotalMilliseconds * Math.Pow(2, exponent);
        return TimeSpan.FromMilliseconds(Math.Min(ms, options.HeadMaxBackoff.TotalMilliseconds));
    }
}
