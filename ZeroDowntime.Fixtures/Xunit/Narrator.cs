using Xunit.Abstractions;

namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// Says what a step is doing, like Ginkgo's <c>By</c>: each line goes to the test's output (kept in
/// TRX and JUnit), to the console and to <see cref="LiveProgress"/> (the terminal of <c>dotnet test</c>
/// as it happens, and <c>console.log</c>), prefixed with the time and the running step.
/// </summary>
/// <example>
/// <code>
/// public NodeDrain(ITestOutputHelper output) => _narrator = new Narrator(output);
/// ...
/// _narrator.By($"Cordoning node {node}");   // 12:00:01.203 [NodeDrain 04] Cordoning node worker-1
/// </code>
/// </example>
public sealed class Narrator
{
    private readonly ITestOutputHelper? _output;
    private readonly TextWriter _console;
    private readonly TimeProvider _clock;

    /// <summary>Creates a narrator for one test instance.</summary>
    /// <param name="output">The test's output helper; <c>null</c> writes to the console only.</param>
    /// <param name="console">Console writer; defaults to <see cref="Console.Out"/>.</param>
    /// <param name="clock">Clock for the timestamps; defaults to <see cref="TimeProvider.System"/>.</param>
    public Narrator(ITestOutputHelper? output, TextWriter? console = null, TimeProvider? clock = null)
    {
        _output = output;
        _console = console ?? Console.Out;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Narrates one action, e.g. <c>By("Cordoning node worker-1")</c>.</summary>
    /// <param name="what">What happens now, as a reader of the log should see it.</param>
    public void By(string what)
    {
        var step = StepInfo.Current;
        var prefix = step is null ? string.Empty : $"[{step.Prefix}] ";
        var line = $"{_clock.GetLocalNow():HH:mm:ss.fff} {prefix}{what}";
        try
        {
            _output?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test already finished (a background task narrating late): the console still gets it.
        }

        _console.WriteLine(line);
        LiveProgress.Write("  " + line); // indented under the scenario's heading in the live view
    }
}
