namespace ZeroDowntime.MockVllm.Connections;

/// <summary>
/// What <see cref="ConnectionTrafficClient"/> does: <see cref="Connections"/> long-lived TCP connections
/// to <see cref="Host"/>:<see cref="Port"/>, each sending <see cref="RatePerConnection"/> requests a
/// second and reading every answer, reconnecting at once after a loss (with a back-off only after
/// failed connects). The defaults are the reference upgrade test's.
/// </summary>
public sealed record ConnectionTrafficOptions
{
    /// <summary>Where the connections go (a load balancer or a Service).</summary>
    public required string Host { get; init; }

    /// <summary>The port.</summary>
    public required int Port { get; init; }

    /// <summary>Connections kept open at once.</summary>
    public int Connections { get; init; } = 80;

    /// <summary>Requests per second on each connection; below about 5/s TCP retransmits hide short losses.</summary>
    public double RatePerConnection { get; init; } = 5;

    /// <summary>Longest wait for a connect and the server's greeting.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Longest wait for an answer; a connection that misses it is given up (lost, <see cref="ConnectionEnd.Timeout"/>).</summary>
    public TimeSpan ReadDeadline { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Back-off after the first failed connect in a row; it doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest back-off between failed connects.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock records are stamped with (the suite passes its measurement clock).</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>Called with each record as its connection ends (the in-cluster client prints it).</summary>
    public Action<ConnectionRecord>? OnRecord { get; init; }
}
