namespace ZeroDowntime.Fixtures.Xunit;

/// <summary>
/// Progress a person running <c>dotnet test</c> sees as it happens. Under the scenario framework the lines go
/// to xUnit's diagnostic message sink, which the VSTest adapter prints at default verbosity when the test
/// assembly enables <c>diagnosticMessages</c> (xunit.runner.json), and to the run's <c>console.log</c>.
/// <see cref="Narrator"/>, the cluster fixture and the reports write here; outside the framework nothing is sent.
/// </summary>
/// <example><code>
/// LiveProgress.Write("12:00:01.203 [cluster] Embedded cluster started");
/// using (LiveProgress.Waiting("worker back at 3 Ready pods", TimeSpan.FromMinutes(10), "ZD_TIMING__NODE_DRAIN__MONITORING_WINDOW"))
/// {
///     await recorder.WaitForReadyCountAsync(...);   // every interval: "still waiting for worker back at 3 Ready pods: 10 s of 10 min (...)"
/// }
/// </code></example>
public static class LiveProgress
{
    /// <summary>True when lines reach a runner (the test assembly runs under the scenario framework).</summary>
    public static bool IsConnected => ScenarioRun.Current?.Progress is not null;

    /// <summary>Sends <paramref name="text"/> (one or more lines) to the runner and to <c>console.log</c>.</summary>
    public static void Write(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ScenarioRun.Current?.Progress?.Write(text, transcript: true);
    }

    /// <summary>
    /// Says, every progress interval until disposed, that the wait for <paramref name="what"/> goes on: elapsed
    /// time, the deadline and its setting, and <paramref name="state"/> when given. A wait shorter than one interval prints nothing.
    /// </summary>
    /// <param name="what">What is awaited, e.g. "the target's pods Ready".</param>
    /// <param name="deadline">How long the wait may take at most (null: no deadline, e.g. a mandated hold).</param>
    /// <param name="deadlineName">The setting the deadline comes from, e.g. <c>ZD_TIMING__CLUSTER_READY_TIMEOUT</c>.</param>
    /// <param name="state">The state now, e.g. "worker 2/3 Ready"; evaluated at each line.</param>
    public static IDisposable Waiting(string what, TimeSpan? deadline = null, string? deadlineName = null, Func<string?>? state = null)
    {
        var channel = ScenarioRun.Current?.Progress;
        return channel is null ? WaitProgress.None : new WaitProgress(channel, what, deadline, deadlineName, state, TimeProvider.System);
    }

    /// <summary>Sets how often long waits report (the cluster fixture applies <c>ZD_TIMING__WAITS__PROGRESS_INTERVAL</c>).</summary>
    public static void SetInterval(TimeSpan interval)
    {
        if (ScenarioRun.Current?.Progress is { } channel && interval > TimeSpan.Zero)
        {
            channel.Interval = interval;
        }
    }

    /// <summary>Makes <paramref name="append"/> (the run's <c>console.log</c>) receive every live line; null while no run is in progress.</summary>
    internal static IDisposable? AttachTranscript(Action<string> append)
    {
        if (ScenarioRun.Current?.Progress is not { } channel)
        {
            return null;
        }

        channel.Attach(append);
        return new Detacher(() => channel.Detach(append));
    }

    /// <summary>Sends report text (already in <c>console.log</c>) to the runner only.</summary>
    internal static void WriteReport(string text) => ScenarioRun.Current?.Progress?.Write(text, transcript: false);

    private sealed class Detacher(Action detach) : IDisposable
    {
        public void Dispose() => detach();
    }
}
