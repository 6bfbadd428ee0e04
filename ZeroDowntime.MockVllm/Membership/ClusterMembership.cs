using ZeroDowntime.MockVllm.Serving;

namespace ZeroDowntime.MockVllm.Membership;

/// <summary>The head's node table: registrations, heartbeats, DEAD marking, restore from Redis. Thread-safe.</summary>
internal sealed class ClusterMembership
{
    private readonly Dictionary<string, NodeRecord> nodes = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly MockVllmOptions options;
    private readonly EventLog log;
    private readonly TimeProvider time;

    public ClusterMembership(MockVllmOptions options, EventLog log, TimeProvider time)
    {
        this.options = options;
        this.log = log;
        this.time = time;
        var now = NowMs();
        nodes[options.NodeId] = new NodeRecord
        {
            NodeId = options.NodeId,
            NodeIp = options.NodeIp,
            IsHeadNode = true,
            State = NodeRecord.Alive,
            NodeName = options.NodeName,
            ResourcesTotal = NodeRecord.DefaultResources(NodeRole.Head, options.NodeIp),
            Labels = new() { ["ray.io/node_id"] = options.NodeId },
            StartTimeMs = now,
            LastHeartbeatMs = now,
            HeadInstanceId = HeadInstanceId,
        };
    }

    /// <summary>Raised after any change worth persisting (not after plain heartbeats).</summary>
    public event Action? Changed;

    /// <summary>New for every head process: workers compare it to notice a head restart.</summary>
    public string HeadInstanceId { get; } = Guid.NewGuid().ToString("N");

    public HeartbeatReply Heartbeat(HeartbeatRequest request)
    {
        string evt;
        lock (gate)
        {
            var now = NowMs();
            if (!nodes.TryGetValue(request.NodeId, out var node))
            {
                node = new NodeRecord
                {
                    NodeId = request.NodeId,
                    NodeIp = request.NodeIp,
                    IsHeadNode = false,
                    State = NodeRecord.Alive,
                    NodeName = request.NodeName,
                    ResourcesTotal = request.ResourcesTotal,
                    Labels = request.Labels,
                    StartTimeMs = request.StartTimeMs,
                };
                nodes[node.NodeId] = node;
                evt = request.HeadInstanceId is not null && request.HeadInstanceId != HeadInstanceId ? "reconnected" : "registered";
            }
            else if (node.State == NodeRecord.Dead)
            {
                // Ray would make such a raylet exit; reviving keeps a briefly starved worker usable on a busy machine.
                evt = "revived";
            }
            else
            {
                evt = request.HeadInstanceId != HeadInstanceId ? "reconnected" : "heartbeat";
            }
            node.State = NodeRecord.Alive;
            node.StateMessage = null;
            node.EndTimeMs = 0;
            node.NodeIp = request.NodeIp;
            node.NodeName = request.NodeName;
            node.LastHeartbeatMs = now;
            node.HeadInstanceId = HeadInstanceId;
            if (evt != "heartbeat")
            {
                log.Write(evt switch
                {
                    "registered" => $"{node.Describe()} registered",
                    "reconnected" => $"{node.Describe()} reconnected after head restart",
                    _ => $"{node.Describe()} is ALIVE again after being marked DEAD",
                });
            }
        }
        if (evt != "heartbeat")
        {
            Changed?.Invoke();
        }
        return new HeartbeatReply(HeadInstanceId, NodeRecord.Alive, evt);
    }

    public bool Leave(LeaveRequest request)
    {
        lock (gate)
        {
            if (!nodes.TryGetValue(request.NodeId, out var node) || node.IsHeadNode && node.NodeId == options.NodeId)
            {
                return false;
            }
            MarkDead(node, $"Expected termination: {request.Reason}");
        }
        Changed?.Invoke();
        return true;
    }

    /// <summary>Marks DEAD every ALIVE node (but this head) whose last heartbeat is older than the timeout.</summary>
    public int SweepDeadNodes()
    {
        var marked = 0;
        lock (gate)
        {
            var deadline = NowMs() - (long)options.NodeDeadTimeout.TotalMilliseconds;
            foreach (var node in nodes.Values)
            {
                if (node.State == NodeRecord.Alive && node.NodeId != options.NodeId && node.LastHeartbeatMs < deadline)
                {
                    MarkDead(node, "Unexpected termination: health check failed due to missing too many heartbeats");
                    marked++;
                }
            }
        }
        if (marked > 0)
        {
            Changed?.Invoke();
        }
        return marked;
    }

    /// <summary>
    /// Adds nodes from a Redis snapshot that this head does not know yet. Like Ray's GCS after a restart, a
    /// restored ALIVE node stays ALIVE and is marked DEAD only if it does not heartbeat within the dead timeout.
    /// </summary>
    public int Restore(IEnumerable<NodeRecord> restored)
    {
        var added = 0;
        lock (gate)
        {
            var now = NowMs();
            foreach (var node in restored)
            {
                if (nodes.ContainsKey(node.NodeId))
                {
                    continue;
                }
                var copy = node.Copy();
                if (copy.State == NodeRecord.Alive)
                {
                    copy.LastHeartbeatMs = now;
                }
                nodes[copy.NodeId] = copy;
                added++;
            }
        }
        return added;
    }

    public List<NodeRecord> Snapshot()
    {
        lock (gate)
        {
            return nodes.Values.Select(n => n.Copy()).OrderBy(n => n.NodeId, StringComparer.Ordinal).ToList();
        }
    }

    private void MarkDead(NodeRecord node, string message)
    {
        node.State = NodeRecord.Dead;
        node.StateMessage = message;
        node.EndTimeMs = NowMs();
        log.Write($"{node.Describe()} marked DEAD: {message}");
    }

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
