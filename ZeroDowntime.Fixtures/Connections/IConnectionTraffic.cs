using ZeroDowntime.MockVllm.Connections;

namespace ZeroDowntime.Fixtures.Connections;

/// <summary>
/// Connection-level traffic with one contract whether it runs in the test process
/// (<see cref="BuiltInConnectionTraffic"/>) or as a Job next to the target (<see cref="ConnectionJobTraffic"/>):
/// N long-lived connections at a rate each, immediate reconnects, one <see cref="ConnectionRecord"/> per connection.
/// </summary>
public interface IConnectionTraffic : IAsyncDisposable
{
    /// <summary>Where it runs, for reports: <c>builtin</c> or <c>job</c>.</summary>
    string Name { get; }

    /// <summary>Where the connections go, for reports.</summary>
    string Target { get; }

    /// <summary>Starts the connections; returns once every one is established (throws <see cref="TimeoutException"/> past <paramref name="deadline"/>).</summary>
    Task StartAsync(TimeSpan deadline, CancellationToken cancellationToken = default);

    /// <summary>Stops the traffic; open connections end as lasting. Returns every record.</summary>
    Task<IReadOnlyList<ConnectionRecord>> StopAsync(CancellationToken cancellationToken = default);

    /// <summary>The records of the connections that ended so far.</summary>
    IReadOnlyList<ConnectionRecord> Records { get; }
}
