using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// A load generator honouring <see cref="LoadOptions"/>: the built-in one, or the k6 Job (which
/// produces the same per-attempt records from k6's log lines and the same summary from its
/// <c>handleSummary</c>).
/// </summary>
public interface ILoadGenerator : IAsyncDisposable
{
    /// <summary>The generator's name for reports: <c>builtin</c> or <c>k6</c>.</summary>
    string Name { get; }

    /// <summary>Starts the load; returns once attempts are being sent.</summary>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops the load (or collects it after its duration) and returns its summary.</summary>
    Task<LoadSummary> StopAsync(CancellationToken cancellationToken = default);

    /// <summary>Completes when the load has ended by itself (its duration elapsed) or was stopped.</summary>
    Task Completion { get; }

    /// <summary>A snapshot of the per-attempt records so far.</summary>
    IReadOnlyList<AttemptRecord> Attempts { get; }

    /// <summary>The summary after <see cref="StopAsync"/>; null before.</summary>
    LoadSummary? Summary { get; }
}
