namespace ZeroDowntime.LocalCluster.Metrics;

/// <summary>A cumulative reading of one container's processes: when, CPU seconds so far, resident bytes now.</summary>
internal readonly record struct ContainerSample(DateTimeOffset At, double CpuSeconds, long MemoryBytes);
