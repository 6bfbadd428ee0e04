namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>Whether NetworkPolicy lets one connection through, and why (for logs and tests).</summary>
/// <param name="Allowed">True when both the source's egress and the destination's ingress allow it.</param>
/// <param name="Reason">One sentence: which side and which policies decided.</param>
public sealed record PolicyDecision(bool Allowed, string Reason)
{
    /// <summary>No policy selects either end.</summary>
    public static PolicyDecision NotSelected { get; } = new(true, "no NetworkPolicy selects either end");
}
