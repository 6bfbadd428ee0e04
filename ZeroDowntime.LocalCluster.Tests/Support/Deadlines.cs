namespace ZeroDowntime.LocalCluster.Tests.Support;

/// <summary>Named timeouts for every wait in these tests (generous: the machine is small and busy).</summary>
internal static class Deadlines
{
    /// <summary>An in-process change to become visible.</summary>
    public static readonly TimeSpan StoreChange = TimeSpan.FromSeconds(10);

    /// <summary>A watch event to arrive over HTTP.</summary>
    public static readonly TimeSpan WatchEvent = TimeSpan.FromSeconds(15);

    /// <summary>A kubectl invocation to finish.</summary>
    public static readonly TimeSpan Kubectl = TimeSpan.FromSeconds(60);

    /// <summary>The <c>up</c> process to print ready or exit.</summary>
    public static readonly TimeSpan UpProcess = TimeSpan.FromSeconds(90);

    /// <summary><c>up</c> with the sample target to print ready (seven pods, each a process, on a busy machine).</summary>
    public static readonly TimeSpan SampleTargetUp = TimeSpan.FromSeconds(180);

    /// <summary>The sample target to settle again after a conformance run evicted a worker (a new pod starts and turns Ready).</summary>
    public static readonly TimeSpan SampleTargetSettled = TimeSpan.FromSeconds(90);

    /// <summary>One client's whole conformance run (about eighty calls, a dozen of them waiting a second on an empty watch).</summary>
    public static readonly TimeSpan ConformanceRun = TimeSpan.FromMinutes(4);
}
