using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Lifecycle;

/// <summary>
/// Decides when the cluster counts as ready (the <c>up</c> command prints <c>ready</c>, and
/// <see cref="LocalClusterHost.WaitUntilReadyAsync"/> returns). Re-evaluated after every change.
/// </summary>
public interface IReadinessRule
{
    /// <summary>True when ready; otherwise <paramref name="waitingFor"/> says what is missing.</summary>
    bool IsReady(ClusterApi api, out string waitingFor);
}
