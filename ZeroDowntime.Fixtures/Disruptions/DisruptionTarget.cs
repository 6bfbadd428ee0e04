using k8s;
using ZeroDowntime.Fixtures.Cluster;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Disruptions;

/// <summary>
/// What every disruption needs: the guarded client, the target namespace, the run id (for cordon
/// annotations), where to register undo actions and where to put timeline markers.
/// </summary>
/// <param name="Client">The guarded client (requests pass the disruption gate).</param>
/// <param name="Namespace">The target's namespace.</param>
/// <param name="RunId">This run's id.</param>
/// <param name="Cleanup">Undo actions are registered here right after each mutation.</param>
/// <param name="Mark">Receives a marker per disruption call (accepted, refused); may be a no-op.</param>
public sealed record DisruptionTarget(IKubernetes Client, string Namespace, string RunId, CleanupStack Cleanup, Action<ClusterEvent> Mark);
