namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>One node as the Ray head's state API (<c>/api/v0/nodes</c>) lists it.</summary>
/// <param name="NodeId">Ray node id (new per process).</param>
/// <param name="NodeName">Node name (the pod name on KubeRay and the sample target).</param>
/// <param name="NodeIp">Node IP.</param>
/// <param name="IsHeadNode">True for the head.</param>
/// <param name="State">ALIVE or DEAD.</param>
/// <param name="StartTimeMs">Start time, Unix ms.</param>
public sealed record RayNode(string NodeId, string? NodeName, string? NodeIp, bool IsHeadNode, string State, long StartTimeMs)
{
    /// <summary>State is ALIVE.</summary>
    public bool IsAlive => State == "ALIVE";
}
