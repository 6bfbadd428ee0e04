using System.Net;

namespace ZeroDowntime.LocalCluster.Networking.Policy;

/// <summary>What NetworkPolicy needs to know about one pod: where it is, its labels, its address and its named ports.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="Uid">The pod's uid.</param>
/// <param name="Labels">The pod's labels.</param>
/// <param name="Address">The pod IP, or null before the kubelet gave it one.</param>
/// <param name="NamedPorts">containerPort by port name, over all containers (named ports in a policy resolve here).</param>
internal sealed record PolicyPod(
    string Namespace, string Name, string Uid, IReadOnlyDictionary<string, string> Labels, IPAddress? Address, IReadOnlyDictionary<string, int> NamedPorts)
{
    /// <inheritdoc />
    public override string ToString() => $"pod {Namespace}/{Name}";
}
