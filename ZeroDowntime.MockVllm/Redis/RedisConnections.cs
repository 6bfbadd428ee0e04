using StackExchange.Redis;

namespace ZeroDowntime.MockVllm.Redis;

/// <summary>How the head talks to Redis: StackExchange.Redis tuned to notice failures fast on a test cluster.</summary>
internal static class RedisConnections
{
    /// <summary>Bound on one command (the hand-written client's 750 ms, kept).</summary>
    public const int CommandTimeoutMs = 750;

    /// <summary>
    /// One connection to <paramref name="address"/>. The choices, for a cluster whose Redis pods are on loopback or a
    /// LAN and get deleted on purpose:
    /// <list type="bullet">
    /// <item>abortConnect=false: the head starts, and keeps retrying in the background, while Redis is down;</item>
    /// <item>connectTimeout 1 s: a connect plus handshake takes milliseconds here; a second still covers a JIT-cold
    /// first connect on a busy 2-core machine, and a silent server is given up on quickly;</item>
    /// <item>sync/async timeout 750 ms: no command waits longer, so persistence never holds anything up;</item>
    /// <item>backlog FailFast: while disconnected a save fails at once (and says so) instead of queueing;</item>
    /// <item>reconnect every 250 ms with a 250 ms heartbeat (default: 1 s heartbeat, exponential back-off up to
    /// 10 s): a replaced Redis pod or a restarted server is found again within a fraction of a second;</item>
    /// <item>no SUBSCRIBE, no config channel, no tie-breaker: one TCP connection per address, since through a
    /// Service a second (pub/sub) connection would land on another pod, and nothing here uses pub/sub.</item>
    /// </list>
    /// </summary>
    public static ConfigurationOptions For(string address, string? password) => new()
    {
        EndPoints = { address },
        Password = string.IsNullOrEmpty(password) ? null : password,
        ClientName = "zd-mockvllm-head",
        AbortOnConnectFail = false,
        ConnectTimeout = 1000,
        ConnectRetry = 1,
        SyncTimeout = CommandTimeoutMs,
        AsyncTimeout = CommandTimeoutMs,
        BacklogPolicy = BacklogPolicy.FailFast,
        ReconnectRetryPolicy = new LinearRetry(250),
        HeartbeatInterval = TimeSpan.FromMilliseconds(250),
        CommandMap = CommandMap.Create(["SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE"], available: false),
        ConfigurationChannel = "",
        TieBreaker = "",
    };

    /// <summary>
    /// One connection to the Sentinel at <paramref name="address"/>, with the same timeouts as <see cref="For"/>. Only
    /// the commands a Sentinel knows and this client needs: no SUBSCRIBE (one TCP connection, as above), no CLIENT.
    /// </summary>
    public static ConfigurationOptions ForSentinel(string address)
    {
        var options = For(address, password: null);
        options.CommandMap = CommandMap.Create(["auth", "hello", "ping", "info", "role", "sentinel"], available: true);
        return options;
    }

    /// <summary>
    /// A short reason for the log (the library's own messages run to several hundred characters), and whether it says
    /// more than "not connected": a command refused for want of a connection often only learns why from a later event.
    /// </summary>
    public static (string Reason, bool Specific) Describe(Exception failure)
    {
        switch (failure)
        {
            case RedisTimeoutException:
                return ($"no reply within {CommandTimeoutMs} ms", true);
            case RedisServerException server:
                return (server.Message, true);
        }

        for (var cause = failure; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure }:
                    return ("authentication failed", true);
                case System.Net.Sockets.SocketException socket:
                    return (socket.Message, true);
            }
        }

        return ("not connected", false);
    }

    /// <summary>The reason a connection failed, from the library's event.</summary>
    public static string Describe(ConnectionFailedEventArgs failed) =>
        failed.Exception is { } failure && Describe(failure) is (var reason, true) ? reason : $"connection failed: {failed.FailureType}";

    /// <summary>True for the failures Redis being down, slow or misconfigured causes.</summary>
    public static bool IsRedisFailure(Exception failure) => failure is RedisException or TimeoutException;
}
