namespace ZeroDowntime.LocalCluster.Metrics;

/// <summary>One container's usage over the metrics window: CPU in cores (a rate) and resident memory in bytes (the latest sample).</summary>
/// <param name="Name">The container's name.</param>
/// <param name="CpuCores">CPU time used per second of the window (0.25 = 250m).</param>
/// <param name="MemoryBytes">Resident set size of the container's processes at the window's end.</param>
public sealed record ContainerUsage(string Name, double CpuCores, long MemoryBytes);
