using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

public sealed class ScenarioContextTests
{
    [Fact]
    public async Task State_with_a_lifetime_is_initialized_and_disposed_with_the_scenario()
    {
        var context = new ScenarioContext<TrackedState>();

        await context.InitializeAsync();
        context.State.Events.Should().Equal("initialized");

        await context.DisposeAsync();
        context.State.Events.Should().Equal("initialized", "disposed");
    }

    [Fact]
    public async Task Disposable_state_is_disposed_with_the_scenario()
    {
        var context = new ScenarioContext<DisposableState>();

        await context.InitializeAsync();
        await context.DisposeAsync();

        context.State.Disposed.Should().BeTrue();
    }

    public sealed class TrackedState : IAsyncLifetime
    {
        public List<string> Events { get; } = [];

        public Task InitializeAsync()
        {
            Events.Add("initialized");
            return Task.CompletedTask;
        }

        public Task DisposeAsync()
        {
            Events.Add("disposed");
            return Task.CompletedTask;
        }
    }

    public sealed class DisposableState : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
