using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Scenarios;

/// <summary>
/// What the steps of a disruptive scenario share (held by <c>ScenarioContext&lt;TState&gt;</c>): the
/// run, and when the disruption was accepted. Disposing it stops load and probe and undoes the
/// scenario's changes even when a step failed half-way. Derive to add scenario-specific fields.
/// </summary>
public class DisruptionState : IAsyncDisposable
{
    /// <summary>The measurement session, set by step 1.</summary>
    public DisruptionRun? Run { get; set; }

    /// <summary>When the (first) disruption was accepted by the API.</summary>
    public DateTimeOffset? DisruptedAt { get; set; }

    /// <summary>Recovery measured while monitoring.</summary>
    public RecoveryResult? Recovery { get; set; }

    /// <summary>The run, or a clear error when step 1 did not start it.</summary>
    public DisruptionRun RequireRun() => Run ?? throw new InvalidOperationException("Load and probe were not started: step 1 did not run.");

    /// <summary>The disruption instant, or a clear error when no disruption happened.</summary>
    public DateTimeOffset RequireDisruption() => DisruptedAt ?? throw new InvalidOperationException("No disruption was accepted: the disruption step did not run.");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Run is not null)
        {
            await Run.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }
}
