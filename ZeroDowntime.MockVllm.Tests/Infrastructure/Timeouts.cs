namespace ZeroDowntime.MockVllm.Tests.Infrastructure;

/// <summary>Every deadline the tests wait on, in one place. Wide: the machine is small and shared.</summary>
internal static class Timeouts
{
    /// <summary>A child process printing its "listening on" line.</summary>
    public static readonly TimeSpan ProcessStart = TimeSpan.FromSeconds(30);

    /// <summary>A child process exiting after a signal.</summary>
    public static readonly TimeSpan ProcessExit = TimeSpan.FromSeconds(20);

    /// <summary>A single HTTP request in a test.</summary>
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(15);

    /// <summary>Membership converging (register, DEAD, reconnect) with the short test intervals.</summary>
    public static readonly TimeSpan Membership = TimeSpan.FromSeconds(20);

    /// <summary>A log line appearing.</summary>
    public static readonly TimeSpan LogLine = TimeSpan.FromSeconds(15);
}
