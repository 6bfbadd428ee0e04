namespace ZeroDowntime.LocalCluster.Metrics;

/// <summary>A pod's usage as <c>metrics.k8s.io</c> PodMetrics reports it: per container, over a window ending at <see cref="Timestamp"/>.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="Uid">The pod's uid (a recreated pod with the same name starts a new history).</param>
/// <param name="Node">The node it runs on.</param>
/// <param name="Timestamp">When the window ended (the latest sample).</param>
/// <param name="Window">The span the CPU rate was measured over.</param>
/// <param name="Containers">Each running container's usage.</param>
public sealed record PodUsage(string Namespace, string Name, string Uid, string Node, DateTimeOffset Timestamp, TimeSpan Window, IReadOnlyList<ContainerUsage> Containers)
{
    /// <summary>CPU of every container, in cores.</summary>
    public double CpuCores => Containers.Sum(c => c.CpuCores);

    /// <summary>Memory of every container, in bytes.</summary>
    public long MemoryBytes => Containers.Sum(c => c.MemoryBytes);
}
