using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ZeroDowntime.MockVllm.Serving;

/// <summary>
/// Spends a given amount of the calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID), like a model
/// generating tokens. Measured in CPU time, not wall time: on a busy machine the burn takes longer but
/// costs the same CPU, so the usage the kubelet sees follows the load, not the contention.
/// </summary>
internal static class CpuBurner
{
    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID on Linux
    private static readonly bool HasThreadClock = OperatingSystem.IsLinux() && Probe();
    private static double _sink;

    /// <summary>Burns <paramref name="cpu"/> of this thread's CPU time (wall time where no thread clock exists); returns early when cancelled.</summary>
    public static void Burn(TimeSpan cpu, CancellationToken ct)
    {
        if (cpu <= TimeSpan.Zero)
        {
            return;
        }

        var start = Now();
        var x = 1.000001;
        while (Now() - start < cpu && !ct.IsCancellationRequested)
        {
            // A few microseconds of arithmetic between clock reads; the result is kept so it is not optimised away.
            for (var i = 0; i < 2_000; i++)
            {
                x = (x * 1.0000001) + 1e-9;
            }
        }

        Volatile.Write(ref _sink, x);
    }

    private static TimeSpan Now() => HasThreadClock && ThreadCpu() is { } cpu ? cpu : Stopwatch.GetElapsedTime(0);

    private static TimeSpan? ThreadCpu() =>
        clock_gettime(ClockThreadCpuTime, out var ts) == 0 ? TimeSpan.FromTicks((ts.Seconds * TimeSpan.TicksPerSecond) + (ts.Nanoseconds / 100)) : null;

    private static bool Probe()
    {
        try
        {
            return ThreadCpu() is not null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc")]
#pragma warning disable SYSLIB1054 // A blittable struct needs no source-generated marshalling.
    private static extern int clock_gettime(int clock, out Timespec time);
#pragma warning restore SYSLIB1054

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
