namespace ZeroDowntime.MockVllm.Membership;

/// <summary>Worker → head, every heartbeat interval: who it is and which head instance it last saw.</summary>
internal sealed record HeartbeatRequest(
    string NodeId,
    string NodeName,
    string NodeIp,
    long StartTimeMs,
    Dictionary<string, double> ResourcesTotal,
    Dictionary<string, string> Labels,
    string? HeadInstanceId);

/// <summary>Head → worker: the head's instance id (a new one means a new head process) and what the heartbeat did.</summary>
internal sealed record HeartbeatReply(string HeadInstanceId, string State, string Event);

/// <summary>Worker → head on a graceful drain: mark me DEAD now, as Ray does for an expected termination.</summary>
internal sealed record LeaveRequest(string NodeId, string Reason);

/// <summary>What the head keeps in Redis.</summary>
internal sealed record MembershipSnapshot(int Version, long SavedAtMs, string HeadInstanceId, List<NodeRecord> Nodes);
