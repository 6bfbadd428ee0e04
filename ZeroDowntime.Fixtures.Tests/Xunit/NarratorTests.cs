using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using ZeroDowntime.Fixtures.Xunit;

namespace ZeroDowntime.Fixtures.Tests.Xunit;

public sealed class NarratorTests
{
    private static readonly DateTimeOffset Noon = new(2025, 1, 2, 12, 0, 1, 203, TimeSpan.Zero);

    [Fact]
    public async Task Narration_goes_to_the_test_output_and_the_console_with_time_and_step()
    {
        var output = new RecordingOutput();
        var console = new StringWriter();

        await Task.Run(() =>
        {
            StepInfo.Current = new StepInfo("NodeDrain", 4, "Cordon the node");
            new Narrator(output, console, new FixedClock(Noon)).By("Cordoning node worker-1");
        });

        output.Lines.Should().Equal("12:00:01.203 [NodeDrain 04] Cordoning node worker-1");
        console.ToString().Should().Be("12:00:01.203 [NodeDrain 04] Cordoning node worker-1" + Environment.NewLine);
    }

    [Fact]
    public void Narration_after_the_test_finished_still_reaches_the_console()
    {
        var console = new StringWriter();
        var narrator = new Narrator(new FinishedOutput(), console, new FixedClock(Noon));

        narrator.By("late news");

        console.ToString().Should().Be("12:00:01.203 late news" + Environment.NewLine);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    private sealed class RecordingOutput : ITestOutputHelper
    {
        public List<string> Lines { get; } = [];

        public void WriteLine(string message) => Lines.Add(message);

        public void WriteLine(string format, params object[] args) => Lines.Add(string.Format(format, args));
    }

    private sealed class FinishedOutput : ITestOutputHelper
    {
        public void WriteLine(string message) => throw new InvalidOperationException("There is no currently active test.");

        public void WriteLine(string format, params object[] args) => throw new InvalidOperationException("There is no currently active test.");
    }
}
