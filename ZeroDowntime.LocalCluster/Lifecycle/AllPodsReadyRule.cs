using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Lifecycle;

/// <summary>
/// Ready when every pod has condition Ready=True and is not terminating. The controllers extend
/// this (e.g. workloads must have created their pods) by supplying their own rule.
/// </summary>
public sealed class AllPodsReadyRule : IReadinessRule
{
    /// <inheritdoc />
    public bool IsReady(ClusterApi api, out string waitingFor)
    {
        var notReady = api.Pods.List().Where(p => !p.IsPodReady()).Select(p => $"{p.Namespace()}/{p.Name()}").ToList();
        waitingFor = notReady.Count == 0 ? "" : $"pods not Ready: {string.Join(", ", notReady.Take(10))}";
        return notReady.Count == 0;
    }
}
