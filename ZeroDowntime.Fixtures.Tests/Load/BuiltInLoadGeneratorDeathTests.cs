using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Probes;

namespace ZeroDowntime.Fixtures.Tests.Load;

/// <summary>A built-in load worker that throws (not a failed request: the generator itself broken) stops the generator like a dead k6.</summary>
public sealed class BuiltInLoadGeneratorDeathTests
{
    [Fact]
    public async Task A_worker_that_throws_faults_Completion_and_StopAsync_and_keeps_the_attempts_before_it()
    {
        await using var load = new BuiltInLoadGenerator(new LoadOptions
        {
            Request = InferenceRequest.Completion(new Uri("http://127.0.0.1:9/")),
            Rate = 50,
            MaxConcurrency = 10,
            Duration = TimeSpan.FromMinutes(1),
        })
        {
            AttemptOverride = (k, _) => k < 5
                ? Task.FromResult<AttemptRecord?>(new AttemptRecord(AttemptSources.BuiltInLoad, k, DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(1), AttemptOutcome.Success, 200, AttemptErrorKind.None, null))
                : throw new InvalidOperationException("the response handler is broken"),
        };
        await load.StartAsync();

        // Named deadline: the generator stops within one attempt interval; 30 s is margin for a loaded machine.
        var died = await FluentActions.Awaiting(() => load.Completion.WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<LoadGeneratorFailedException>();

        died.Which.Message.Should().StartWith("The LOAD GENERATOR (builtin) failed, not the service under test")
            .And.Contain("Try 1: a load worker threw InvalidOperationException: the response handler is broken");
        load.Attempts.Should().HaveCount(5);
        await FluentActions.Awaiting(() => load.StopAsync()).Should().ThrowAsync<LoadGeneratorFailedException>();
    }
}
