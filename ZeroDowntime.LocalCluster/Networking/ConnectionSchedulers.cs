namespace ZeroDowntime.LocalCluster.Networking;

/// <summary>
/// The schedulers a Service can ask for with the <see cref="Annotation"/> annotation:
/// <c>rr</c> (round robin, the default) and <c>lc</c> (least connections).
/// </summary>
/// <example><code>
/// metadata:
///   annotations: { zerodowntime.io/lb-scheduler: lc }
/// </code></example>
public static class ConnectionSchedulers
{
    /// <summary>The Service annotation that picks the scheduler of its proxies (cluster IP and load balancer).</summary>
    public const string Annotation = "zerodowntime.io/lb-scheduler";

    /// <summary>Round robin: today's behaviour and the default.</summary>
    public const string RoundRobin = "rr";

    /// <summary>Least connections.</summary>
    public const string LeastConnections = "lc";

    /// <summary>The scheduler named <paramref name="name"/> (null or empty: <c>rr</c>); false with a sentence for any other name.</summary>
    public static bool TryCreate(string? name, out IConnectionScheduler scheduler, out string? error)
    {
        error = null;
        switch (string.IsNullOrWhiteSpace(name) ? RoundRobin : name.Trim())
        {
            case RoundRobin:
                scheduler = new RoundRobinScheduler();
                return true;
            case LeastConnections:
                scheduler = new LeastConnectionsScheduler();
                return true;
            default:
                scheduler = new RoundRobinScheduler();
                error = $"annotation {Annotation} is '{name}', but the local load balancer knows only {RoundRobin} and {LeastConnections}; using {RoundRobin}";
                return false;
        }
    }
}
