namespace ZeroDowntime.LocalCluster.Controllers.Workloads;

/// <summary>A Job's pods by state: active (running or pending, not terminating), succeeded, failed.</summary>
/// <param name="Active">Pods not finished and not terminating.</param>
/// <param name="Succeeded">Pods in phase Succeeded.</param>
/// <param name="Failed">Pods in phase Failed (each one counts against backoffLimit).</param>
public sealed record JobPodCounts(int Active, int Succeeded, int Failed);
