using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Probes;
using ZeroDowntime.Fixtures.Tests.Probes;

namespace ZeroDowntime.Fixtures.Tests.Load;

public class BuiltInLoadGeneratorTests
{
    private static readonly TimeSpan CompletionDeadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Runs_for_its_duration_at_its_rate_and_summarises_its_own_records()
    {
        await using var server = LoopbackHttpServer.Start();
        await using var load = new BuiltInLoadGenerator(new LoadOptions
        // The cap equals the rate so a cold server's first slow answers cannot drop attempts; the cap has its own test below.
        {
            Request = InferenceRequest.Completion(server.Uri), Rate = 40, MaxConcurrency = 40, Duration = TimeSpan.FromSeconds(1),
        });

        await load.StartAsync();
        await load.Completion.WaitAsync(CompletionDeadline);
        var summary = await load.StopAsync();

        load.Name.Should().Be("builtin");
        summary.Generator.Should().Be(BuiltInLoadGenerator.GeneratorName);
        summary.Attempts.Should().Be(40, "attempts 0..39 are due within one second at 40/s");
        summary.Successes.Should().Be(40);
        summary.DroppedIterations.Should().Be(0);
        summary.P50.Should().NotBeNull();
        summary.Should().BeEquivalentTo(LoadSummary.FromAttempts("builtin", [.. load.Attempts], 0, summary.Duration), "the summary is computed from the records");
        load.Attempts.Should().OnlyContain(a => a.Source == AttemptSources.BuiltInLoad);
    }

    [Theory]
    [InlineData(ConnectionMode.FreshConnection)]
    [InlineData(ConnectionMode.KeepAlive)]
    public async Task Fresh_connection_mode_opens_a_connection_per_attempt_and_keep_alive_reuses_them(ConnectionMode mode)
    {
        await using var server = LoopbackHttpServer.Start();
        await using var load = new BuiltInLoadGenerator(new LoadOptions
        {
            Request = InferenceRequest.Completion(server.Uri), Rate = 20, MaxConcurrency = 20, Duration = TimeSpan.FromSeconds(1),
            ConnectionMode = mode,
        });

        await load.StartAsync();
        await load.Completion.WaitAsync(CompletionDeadline);
        var summary = await load.StopAsync();

        summary.Successes.Should().Be(20);
        if (mode == ConnectionMode.FreshConnection)
        {
            server.Connections.Should().Be(20, "every attempt reaches the load balancer on a new connection");
        }
        else
        {
            server.Connections.Should().BeLessThanOrEqualTo(10, "attempts 50 ms apart share pooled connections");
        }
    }

    [Fact]
    public async Task Attempts_due_while_the_concurrency_cap_is_reached_are_dropped_and_counted_not_delayed()
    {
        await using var server = LoopbackHttpServer.Start();
        server.Hang();
        await using var load = new BuiltInLoadGenerator(new LoadOptions
        {
            Request = InferenceRequest.Completion(server.Uri), Rate = 20, MaxConcurrency = 2, Duration = TimeSpan.FromSeconds(1),
            RequestTimeout = TimeSpan.FromSeconds(2),
        });

        await load.StartAsync();
        await load.Completion.WaitAsync(CompletionDeadline);
        var summary = await load.StopAsync();

        summary.Attempts.Should().Be(2, "only two attempts fit under the cap while the service hangs");
        summary.DroppedIterations.Should().Be(18);
        load.Attempts.Should().OnlyContain(a => a.ErrorKind == AttemptErrorKind.Timeout);
    }

    [Fact]
    public async Task Stopping_early_ends_the_load_and_keeps_what_was_recorded()
    {
        await using var server = LoopbackHttpServer.Start();
        await using var load = new BuiltInLoadGenerator(new LoadOptions { Request = InferenceRequest.Completion(server.Uri), Rate = 50, Duration = TimeSpan.FromMinutes(5) });

        await load.StartAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // the load's running time before the stop under test
        var summary = await load.StopAsync().WaitAsync(CompletionDeadline);

        summary.Attempts.Should().BeInRange(5, 30);
        summary.Duration.Should().BeLessThan(TimeSpan.FromSeconds(5));
        load.Summary.Should().BeSameAs(summary);
    }

    [Fact]
    public async Task Stopping_a_generator_that_never_started_is_an_error()
    {
        await using var load = new BuiltInLoadGenerator(new LoadOptions { Request = InferenceRequest.Completion(new Uri("http://127.0.0.1:1/")) });

        var act = () => load.StopAsync();

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("The load generator was never started.");
    }
}
