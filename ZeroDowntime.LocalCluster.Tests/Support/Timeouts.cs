namespace ZeroDowntime.LocalCluster.Tests.Support;

/// <summary>Named deadlines for the process tests: wide, because the machine is small and shared.</summary>
internal static class Timeouts
{
    /// <summary>A process pod (dotnet start + readiness probe) becomes Ready.</summary>
    public static readonly TimeSpan PodReady = TimeSpan.FromSeconds(40);

    /// <summary>A shell pod starts and prints its output.</summary>
    public static readonly TimeSpan ShellOutput = TimeSpan.FromSeconds(20);

    /// <summary>A pod is gone after deletion (grace periods in tests are short).</summary>
    public static readonly TimeSpan PodGone = TimeSpan.FromSeconds(30);

    /// <summary>Every pod of the sample target is Ready.</summary>
    public static readonly TimeSpan SampleTargetReady = TimeSpan.FromSeconds(90);

    /// <summary>A status or event appears.</summary>
    public static readonly TimeSpan StatusChange = TimeSpan.FromSeconds(20);

    /// <summary>A process group that was sent SIGKILL has left the process table (milliseconds; wide for a loaded machine).</summary>
    public static readonly TimeSpan KilledGroupGone = TimeSpan.FromSeconds(2);

    /// <summary>Leftover processes disappear after their host died.</summary>
    public static readonly TimeSpan OrphansGone = TimeSpan.FromSeconds(15);
}
