using ZeroDowntime.Kubernetes.Legacy.Models;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Controllers.Networking;

/// <summary>One pod behind a service with the ports it resolves the service's targetPorts to.</summary>
/// <param name="Pod">The pod.</param>
/// <param name="Ports">The resolved ports (service port name, number, protocol), in service order.</param>
public sealed record ServiceBackend(Pod Pod, IReadOnlyList<EndpointPort> Ports)
{
    /// <summary>A key equal for pods with identical resolved ports (they share an Endpoints subset).</summary>
    public string PortsKey => string.Join(",", Ports.Select(p => $"{p.Name}/{p.Port}/{p.Protocol}"));
}

/// <summary>
/// Which pods back a service and on which ports, shared by the Endpoints and EndpointSlice
/// controllers: pods in the service's namespace matching its selector, with an IP, not finished.
/// A named targetPort resolves per pod through its containers' named ports; a pod without that
/// name is left out of that port.
/// </summary>
public static class ServiceBackends
{
    /// <summary>The backends of <paramref name="service"/> among <paramref name="pods"/> (terminating pods included).</summary>
    public static IReadOnlyList<ServiceBackend> Of(Service service, IEnumerable<Pod> pods)
    {
        var selector = service.Spec?.Selector;
        if (selector is null || selector.Count == 0)
        {
            return [];
        }

        return pods
            .Where(p => p.Metadata.Namespace == service.Metadata.Namespace && !p.IsFinished() && !string.IsNullOrEmpty(p.Status?.PodIP))
            .Where(p => selector.All(s => p.Metadata.LabelsOrEmpty().TryGetValue(s.Key, out var v) && v == s.Value))
            .OrderBy(p => p.Status!.PodIP, StringComparer.Ordinal).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(p => new ServiceBackend(p, ResolvePorts(service, p)))
            .ToList();
    }

    /// <summary>The service's ports as served by <paramref name="pod"/>.</summary>
    public static IReadOnlyList<EndpointPort> ResolvePorts(Service service, Pod pod)
    {
        var ports = new List<EndpointPort>();
        foreach (var port in service.Spec?.Ports ?? [])
        {
            int? number = port.TargetPort switch
            {
                null => port.Port,
                { IsInt: true } t => t.IntValue,
                { } t => pod.Spec?.Containers.SelectMany(c => c.Ports ?? []).FirstOrDefault(p => p.Name == t.StringValue
                    && (p.Protocol ?? "TCP") == (port.Protocol ?? "TCP"))?.Port,
            };
            if (number is { } resolved)
            {
                ports.Add(new EndpointPort { Name = port.Name ?? "", Port = resolved, Protocol = port.Protocol ?? "TCP" });
            }
        }

        return ports;
    }

    /// <summary>The reference to a pod that endpoints carry.</summary>
    public static ObjectReference TargetRef(Pod pod) => new()
    {
        Kind = "Pod",
        Namespace = pod.Metadata.Namespace,
        Name = pod.Metadata.Name,
        Uid = pod.Metadata.Uid,
    };
}
