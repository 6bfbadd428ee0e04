using k8s.Models;

namespace ZeroDowntime.LocalCluster.Controllers.Networking;

/// <summary>One pod behind a service with the ports it resolves the service's targetPorts to.</summary>
/// <param name="Pod">The pod.</param>
/// <param name="Ports">The resolved ports (service port name, number, protocol), in service order.</param>
public sealed record ServiceBackend(V1Pod Pod, IReadOnlyList<Corev1EndpointPort> Ports)
{
    /// <summary>A key equal for pods with identical resolved ports (they share an Endpoints subset).</summary>
    public string PortsKey => string.Join(",", Ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}"));
}
