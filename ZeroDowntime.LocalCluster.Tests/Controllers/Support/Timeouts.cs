namespace ZeroDowntime.LocalCluster.Tests.Controllers.Support;

/// <summary>Named deadlines for controller tests; wide, because the machine is small and busy.</summary>
internal static class Timeouts
{
    /// <summary>A controller reacting to one change.</summary>
    public static readonly TimeSpan Reaction = TimeSpan.FromSeconds(20);

    /// <summary>A whole workload becoming Ready (several pods, several controllers).</summary>
    public static readonly TimeSpan WorkloadReady = TimeSpan.FromSeconds(60);

    /// <summary>A kubectl command that waits (drain, rollout status).</summary>
    public static readonly TimeSpan Kubectl = TimeSpan.FromSeconds(90);
}
