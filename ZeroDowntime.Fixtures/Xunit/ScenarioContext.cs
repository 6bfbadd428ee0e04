using Xunit;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// State the steps of one scenario share. xUnit creates a new class instance for every step, so
/// anything a later step needs (the node that was cordoned, the probe that was started) goes into
/// <see cref="State"/>. Use it as a class fixture: one instance per scenario class per run.
/// If <typeparamref name="TState"/> implements <see cref="IAsyncLifetime"/>, <see cref="IAsyncDisposable"/>
/// or <see cref="IDisposable"/>, it is initialized and disposed with the scenario.
/// </summary>
/// <typeparam name="TState">The scenario's own state class.</typeparam>
/// <example>
/// <code>
/// public sealed class NodeDrainState { public string? Node { get; set; } }
///
/// [Scenario("NodeDrain", Order = 30)]
/// public sealed class NodeDrain(ScenarioContext&lt;NodeDrainState&gt; context)
///     : IClassFixture&lt;ScenarioContext&lt;NodeDrainState&gt;&gt;
/// {
///     [Step(1, "Pick a worker node")] public void Pick() => context.State.Node = "worker-1";
///     [Step(2, "Cordon the node")] public Task Cordon() => drainer.CordonAsync(context.State.Node!);
/// }
/// </code>
/// </example>
public sealed class ScenarioContext<TState> : IAsyncLifetime
    where TState : class, new()
{
    /// <summary>The shared state, created when the scenario class starts.</summary>
    public TState State { get; } = new();

    /// <inheritdoc/>
    public Task InitializeAsync() => State is IAsyncLifetime lifetime ? lifetime.InitializeAsync() : Task.CompletedTask;

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        switch (State)
        {
            case IAsyncLifetime lifetime:
                await lifetime.DisposeAsync();
                break;
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
