namespace ZeroDowntime.MockVllm.Membership;

/// <summary>One node as the head knows it; also the Redis snapshot's element. Field names follow Ray's NodeState.</summary>
internal sealed class NodeRecord
{
    public const string Alive = "ALIVE";
    public const string Dead = "DEAD";

    public required string NodeId { get; init; }

    public required string NodeIp { get; set; }

    public required bool IsHeadNode { get; init; }

    public required string State { get; set; }

    public string? StateMessage { get; set; }

    public required string NodeName { get; set; }

    public required Dictionary<string, double> ResourcesTotal { get; set; }

    public required Dictionary<string, string> Labels { get; set; }

    public required long StartTimeMs { get; init; }

    public long EndTimeMs { get; set; }

    /// <summary>Unix ms of the last heartbeat (or of the restore, for nodes loaded from Redis).</summary>
    public long LastHeartbeatMs { get; set; }

    /// <summary>The head process instance this node last heartbeated to: tells a reconnect after a head restart from a plain heartbeat.</summary>
    public string? HeadInstanceId { get; set; }

    public NodeRecord Copy() => new()
    {
        NodeId = NodeId,
        NodeIp = NodeIp,
        IsHeadNode = IsHeadNode,
        State = State,
        StateMessage = StateMessage,
        NodeName = NodeName,
        ResourcesTotal = new(ResourcesTotal),
        Labels = new(Labels),
        StartTimeMs = StartTimeMs,
        EndTimeMs = EndTimeMs,
        LastHeartbeatMs = LastHeartbeatMs,
        HeadInstanceId = HeadInstanceId,
    };

    public string Describe() => $"node {NodeName} ({NodeId[..Math.Min(8, NodeId.Length)]}) at {NodeIp}";

    public static Dictionary<string, double> DefaultResources(NodeRole role, string nodeIp) => role == NodeRole.Head
        ? new() { ["CPU"] = 0, ["memory"] = 2147483648, ["object_store_memory"] = 536870912, [$"node:{nodeIp}"] = 1, ["node:__internal_head__"] = 1 }
        : new() { ["CPU"] = 4, ["GPU"] = 1, ["memory"] = 17179869184, ["object_store_memory"] = 4294967296, [$"node:{nodeIp}"] = 1 };
}
