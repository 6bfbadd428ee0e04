using ZeroDowntime.Fixtures.Datastore;
using ZeroDowntime.Fixtures.Scenarios;

namespace ZeroDowntime.Tests;

/// <summary>What the DatastoreFailover steps hand to each other.</summary>
public sealed class DatastoreFailoverState : DisruptionState, IAsyncDisposable
{
    /// <summary>The datastore, the ledger and the failover's report, set by step 1.</summary>
    public DatastoreFailoverRun? Failover { get; set; }

    /// <summary>The failover plumbing, or a clear error when step 1 did not prepare it.</summary>
    public DatastoreFailoverRun RequireFailover() => Failover ?? throw new InvalidOperationException("The datastore was not checked: step 1 did not run.");

    /// <inheritdoc />
    public new async ValueTask DisposeAsync()
    {
        // The writer stops first, the run's cleanup then deletes the ledger through the still open datastore, which closes last.
        if (Failover?.Writer is { } writer)
        {
            await writer.StopAsync();
        }

        await base.DisposeAsync();
        if (Failover is not null)
        {
            await Failover.DisposeAsync();
        }
    }
}
