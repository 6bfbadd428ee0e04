using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Metrics;

namespace ZeroDowntime.LocalCluster.Kubelet;

public sealed partial class ProcessKubelet
{
    /// <summary>Every running container's usage, measured from /proc (what <c>metrics.k8s.io</c> serves and the HPA reads).</summary>
    public ResourceMetricsStore Metrics { get; }

    /// <summary>Samples every running container's process tree each <see cref="KubeletOptions.MetricsResolution"/> until cancelled.</summary>
    private async Task SampleResourcesAsync(ClusterApi api, CancellationToken ct)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc is Linux's; elsewhere the cluster has no resource metrics
        }

        using var timer = new PeriodicTimer(Options.MetricsResolution, api.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                SampleOnce(api.Time.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One round: read /proc once, record each pod's containers, forget pods no longer running.</summary>
    internal void SampleOnce(DateTimeOffset at)
    {
        var pods = _workers.Values.Select(w => (Worker: w, Containers: w.RunningContainers())).Where(p => p.Containers.Count > 0).ToList();
        var running = pods.Select(p => p.Worker.Uid).ToHashSet(StringComparer.Ordinal);
        if (pods.Count > 0)
        {
            var table = ProcessTable.Read();
            foreach (var (worker, containers) in pods)
            {
                var round = new Dictionary<string, (double CpuSeconds, long MemoryBytes)>(StringComparer.Ordinal);
                foreach (var (container, pid) in containers)
                {
                    if (table.TreeUsage(pid) is { } usage)
                    {
                        round[container] = usage;
                    }
                }

                Metrics.Record(worker.Namespace, worker.Name, worker.Uid, worker.NodeName, at, round);
            }
        }

        Metrics.Retain(running);
    }
}
