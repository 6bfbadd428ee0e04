namespace ZeroDowntime.LocalCluster.Scheduling;

/// <summary>Where a pod goes, or why it cannot go anywhere.</summary>
/// <param name="NodeName">The chosen node, or null when the pod is unschedulable.</param>
/// <param name="Message">For an unschedulable pod, kube-scheduler's message (<c>0/4 nodes are available: ...</c>).</param>
public sealed record SchedulingResult(string? NodeName, string? Message)
{
    /// <summary>True when a node was chosen.</summary>
    public bool Scheduled => NodeName is not null;
}
