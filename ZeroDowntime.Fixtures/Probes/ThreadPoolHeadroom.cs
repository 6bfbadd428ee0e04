namespace ZeroDowntime.Fixtures.Probes;

/// <summary>
/// Raises the thread pool's minimum worker count, so the probe's and the load's continuations (responses, the
/// per-attempt timeout timers) never queue behind a starved pool.
/// </summary>
/// <remarks>
/// Why (measured, docs/measurement.md "The test host's thread pool"): inside <c>dotnet test</c> two pool threads are
/// blocked for the whole run: vstest's message loop (<c>TcpClientExtensions.MessageLoopAsync</c> polls its socket
/// synchronously) and the xUnit adapter's <c>RunTestsInAssembly</c> (a synchronous wait). The pool's minimum is the
/// core count, so on 2 cores one usable worker was left, and one slow first-time piece of work on it (JIT of a path,
/// the first exception of a kind) stalled every continuation until the pool injected a thread, about 0.5 s later:
/// timeouts fired 0.8 s late and answers were seen late. Below the minimum the pool creates a thread as soon as work
/// waits, so raising it removes the stall without creating threads that are not needed.
/// </remarks>
internal static class ThreadPoolHeadroom
{
    /// <summary>Threads blocked by the test host (two) plus room for bursts, per core.</summary>
    internal static int Target => 2 + (4 * Environment.ProcessorCount);

    /// <summary>Raises the minimum to <see cref="Target"/> if it is lower; never lowers it. Idempotent, cheap.</summary>
    public static void Ensure()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < Target)
        {
            ThreadPool.SetMinThreads(Target, completionPorts);
        }
    }
}
