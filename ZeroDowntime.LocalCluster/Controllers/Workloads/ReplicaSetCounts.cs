namespace ZeroDowntime.LocalCluster.Controllers.Workloads;

/// <summary>A ReplicaSet's replica counts as the rolling update arithmetic sees them.</summary>
/// <param name="Name">The ReplicaSet's name.</param>
/// <param name="SpecReplicas">spec.replicas.</param>
/// <param name="AvailableReplicas">status.availableReplicas.</param>
public sealed record ReplicaSetCounts(string Name, int SpecReplicas, int AvailableReplicas);
