using ZeroDowntime.MockVllm.Connections;
using ZeroDowntime.MockVllm.Membership;
using ZeroDowntime.MockVllm.Serving;

namespace ZeroDowntime.MockVllm.Lifecycle;

/// <summary>
/// What SIGTERM does. Graceful: 503 for new requests, leave the head, close the connection listener's connections
/// after their request in progress, wait for in-flight requests (bounded by the drain timeout), then stop the host with exit code 0 (1 if the timeout cut the drain short). Abrupt: exit 143 now.
/// </summary>
internal sealed class DrainCoordinator(
    MockVllmOptions options,
    ServiceState state,
    EventLog log,
    IHostApplicationLifetime lifetime,
    IServiceProvider services)
{
    /// <summary>Exit code of a process killed by SIGTERM (128 + 15), used by the abrupt mode.</summary>
    public const int AbruptExitCode = 143;

    private Task? drain;
    private int started;

    /// <summary>The exit code the process reports once the host has stopped.</summary>
    public int ExitCode { get; private set; }

    public void OnSignal(string signal)
    {
        if (options.Termination == TerminationMode.Abrupt)
        {
            log.Write($"received {signal}; abrupt termination: exiting with code {AbruptExitCode} now, dropping {state.InFlight} in-flight request(s)");
            NativeExit.Now(AbruptExitCode);
        }
        _ = DrainAsync(signal);
    }

    /// <summary>Starts (once) and returns the graceful drain.</summary>
    public Task DrainAsync(string reason)
    {
        if (Interlocked.Exchange(ref started, 1) == 1)
        {
            log.Write($"received {reason} while already draining; ignored");
            return drain!;
        }
        drain = RunDrainAsync(reason);
        return drain;
    }

    private async Task RunDrainAsync(string reason)
    {
        state.BeginDrain();
        log.Write($"received {reason}; draining: new requests get 503, waiting for {state.InFlight} in-flight request(s) (timeout {options.DrainTimeout.TotalSeconds:0.###}s)");
        var leaving = services.GetService<HeadHeartbeatService>() is { } heartbeat
            ? heartbeat.LeaveAsync($"received {reason}")
            : Task.CompletedTask;
        // Connections close as soon as their request in progress is answered; HTTP requests in flight finish meanwhile.
        var connections = services.GetService<ConnectionServer>()?.DrainAsync(options.DrainTimeout) ?? Task.CompletedTask;
        try
        {
            await state.WhenIdle().WaitAsync(options.DrainTimeout);
            await connections;
            await leaving;
            ExitCode = 0;
            log.Write("drained: all in-flight requests finished");
        }
        catch (TimeoutException)
        {
            ExitCode = 1;
            log.Write($"drain timeout after {options.DrainTimeout.TotalSeconds:0.###}s with {state.InFlight} request(s) still in flight");
        }
        lifetime.StopApplication();
    }
}
