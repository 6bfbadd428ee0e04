using ZeroDowntime.LocalCluster.Controllers.Autoscaling;

namespace ZeroDowntime.LocalCluster.Cluster;

public sealed partial class ClusterApi
{
    /// <summary>
    /// The cluster's resource metrics (what <c>metrics.k8s.io</c> serves and the HPA reads): the process
    /// kubelet's measurements when pods run as processes, else null (no metrics-server).
    /// </summary>
    public IPodMetricsSource? ResourceMetrics { get; set; }
}
