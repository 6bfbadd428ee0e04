using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Lifecycle;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Kubelet;

/// <summary>
/// The simulated kubelet's half of graceful deletion: the pod turns Ready=False / ContainersReady=False
/// at once (so it leaves Service endpoints), then is removed after min(grace period, delay).
/// </summary>
public sealed class SimulatedPodTerminator : IPodTerminator, IDisposable
{
    private readonly ClusterApi _api;
    private readonly DelayedPodTerminator _removal;

    /// <summary>Creates the terminator; pods go at most <paramref name="maxDelay"/> after their delete.</summary>
    public SimulatedPodTerminator(ClusterApi api, TimeSpan maxDelay)
    {
        _api = api;
        _removal = new DelayedPodTerminator(api, maxDelay);
    }

    /// <inheritdoc />
    public void TerminationRequested(PodTermination termination)
    {
        try
        {
            _api.Pods.Mutate(termination.Namespace, termination.Name, pod =>
            {
                if (pod.Uid() == termination.Uid)
                {
                    var now = _api.Timestamp();
                    PodConditions.Set(pod, "Ready", "False", "PodTerminating", null, now);
                    PodConditions.Set(pod, "ContainersReady", "False", "PodTerminating", null, now);
                }
            }, status: true);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            return;
        }

        _removal.TerminationRequested(termination);
    }

    /// <inheritdoc />
    public void Dispose() => _removal.Dispose();
}
