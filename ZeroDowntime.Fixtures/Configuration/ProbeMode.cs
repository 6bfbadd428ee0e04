namespace ZeroDowntime.Fixtures.Configuration;

/// <summary>How the availability probe opens connections (<c>ZD_PROBE__MODE</c>).</summary>
public enum ProbeMode
{
    /// <summary><c>fresh-connection</c>: a new TCP connection per attempt, so a dead backend behind the load balancer is seen at once.</summary>
    FreshConnection,

    /// <summary><c>keep-alive</c>: pooled connections, like a typical client.</summary>
    KeepAlive,
}
