using System.Net;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>One end of a connection during evaluation: the pod it is (when it is one) and its address.</summary>
/// <param name="Pod">The pod, or null for an address outside the pod network.</param>
/// <param name="Address">The address.</param>
internal sealed record PolicyEndpoint(PolicyPod? Pod, IPAddress Address)
{
    /// <inheritdoc />
    public override string ToString() => Pod?.ToString() ?? $"external {Address}";
}
