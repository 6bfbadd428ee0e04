namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>One look at the Ray cluster: which head answered, and whether every Ready worker pod is ALIVE on it.</summary>
/// <param name="Time">When it was taken.</param>
/// <param name="HeadPod">The Ready head pod asked, or null if none was Ready.</param>
/// <param name="HeadNodeId">The answering head's own Ray node id.</param>
/// <param name="Nodes">The head's node list (null when it could not be read).</param>
/// <param name="MissingWorkers">Ready worker pods that are not ALIVE on this head.</param>
/// <param name="Problem">Why the cluster is not operational, or null.</param>
public sealed record RayClusterState(
    DateTimeOffset Time, string? HeadPod, string? HeadNodeId, IReadOnlyList<RayNode>? Nodes, IReadOnlyList<string> MissingWorkers, string? Problem)
{
    /// <summary>Head Ready and answering, and every Ready worker ALIVE on it.</summary>
    public bool IsOperational => Problem is null;

    /// <inheritdoc />
    public override string ToString() => IsOperational
        ? $"head {HeadPod} lists {Nodes!.Count(n => !n.IsHeadNode && n.IsAlive)} ALIVE worker(s)"
        : Problem!;
}
