namespace ZeroDowntime.Fixtures.Probes;

/// <summary>
/// How attempts use TCP connections. It matters during a drain: a pooled connection stays on the
/// pod it first reached until that pod closes it, a fresh one goes wherever the load balancer
/// sends new connections now.
/// </summary>
public enum ConnectionMode
{
    /// <summary>A new connection per attempt (sent with <c>Connection: close</c>, never pooled), like the seed's one curl per check.</summary>
    FreshConnection,

    /// <summary>Pooled keep-alive connections, reused across attempts, like most long-lived clients.</summary>
    KeepAlive,
}
