using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>
/// The pod/node event timeline a scenario records (watch-based, started and synced before any
/// disruption) plus the suite's own markers, with an event-driven wait. The k6job branch's
/// PodEventRecorder sits behind this.
/// </summary>
public interface IClusterTimeline : IAsyncDisposable
{
    /// <summary>Starts the watches; completes once the current state of every role is recorded.</summary>
    Task StartAsync(CancellationToken ct = default);

    /// <summary>Everything recorded so far, in arrival order.</summary>
    IReadOnlyList<ClusterEvent> Events { get; }

    /// <summary>Adds a suite marker (disruption accepted, cordon...).</summary>
    void Mark(ClusterEvent marker);

    /// <summary>
    /// Completes when <paramref name="condition"/> holds over the events (re-checked on every new
    /// event); on timeout throws <see cref="TimeoutException"/> naming <paramref name="what"/>.
    /// </summary>
    Task WaitUntilAsync(Func<IReadOnlyList<ClusterEvent>, bool> condition, TimeSpan timeout, string what, CancellationToken ct = default);

    /// <summary>Stops the watches; the events stay readable.</summary>
    Task StopAsync();
}
