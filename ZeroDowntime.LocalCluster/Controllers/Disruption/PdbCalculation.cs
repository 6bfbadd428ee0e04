using k8s.Models;

namespace ZeroDowntime.LocalCluster.Controllers.Disruption;

/// <summary>A computed PDB status and when it must be recomputed (a disruptedPods entry expiring).</summary>
/// <param name="Status">The new status.</param>
/// <param name="RecheckAfter">Time until the earliest disruptedPods entry expires, or null.</param>
public sealed record PdbCalculation(V1PodDisruptionBudgetStatus Status, TimeSpan? RecheckAfter);
