namespace ZeroDowntime.MockVllm;

/// <summary>Which Ray node a MockVllm process plays.</summary>
public enum NodeRole
{
    /// <summary>A Ray worker: serves inference and heartbeats to the head.</summary>
    Worker,

    /// <summary>The Ray head: serves inference, keeps the cluster membership and the dashboard API.</summary>
    Head,
}
