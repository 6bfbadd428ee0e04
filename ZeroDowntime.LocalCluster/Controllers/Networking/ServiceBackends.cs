using k8s.Models;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;

namespace ZeroDowntime.LocalCluster.Controllers.Networking;

/// <summary>
/// Which pods back a service and on which ports, shared by the Endpoints and EndpointSlice
/// controllers: pods in the service's namespace matching its selector, with an IP, not finished.
/// A named targetPort resolves per pod through its containers' named ports; a pod without that
/// name is left out of that port.
/// </summary>
public static class ServiceBackends
{
    /// <summary>The backends of <paramref name="service"/> among <paramref name="pods"/> (terminating pods included).</summary>
    public static IReadOnlyList<ServiceBackend> Of(V1Service service, IEnumerable<V1Pod> pods)
    {
        var selector = service.Spec?.Selector;
        if (selector is null || selector.Count == 0)
        {
            return [];
        }

        return pods
            .Where(p => p.Metadata.NamespaceProperty == service.Metadata.NamespaceProperty && !p.IsFinished() && !string.IsNullOrEmpty(p.Status?.PodIP))
            .Where(p => selector.All(s => p.Metadata.LabelsOrEmpty().TryGetValue(s.Key, out var v) && v == s.Value))
            .OrderBy(p => p.Status!.PodIP, StringComparer.Ordinal).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(p => new ServiceBackend(p, ResolvePorts(service, p)))
            .ToList();
    }

    /// <summary>The service's ports as served by <paramref name="pod"/>.</summary>
    public static IReadOnlyList<Corev1EndpointPort> ResolvePorts(V1Service service, V1Pod pod)
    {
        var ports = new List<Corev1EndpointPort>();
        foreach (var port in service.Spec?.Ports ?? [])
        {
            int? number = port.TargetPort switch
            {
                null => port.Port,
                var t when t.IntValue() is { } n => n,
                var t => pod.ContainersOrEmpty().SelectMany(c => c.Ports ?? []).FirstOrDefault(p => p.Name == t.Value
                    && (p.Protocol ?? "TCP") == (port.Protocol ?? "TCP"))?.ContainerPort,
            };
            if (number is { } resolved)
            {
                ports.Add(new Corev1EndpointPort { Name = port.Name ?? "", Port = resolved, Protocol = port.Protocol ?? "TCP" });
            }
        }

        return ports;
    }

    /// <summary>The reference to a pod that endpoints carry.</summary>
    public static V1ObjectReference TargetRef(V1Pod pod) => new()
    {
        Kind = "Pod",
        NamespaceProperty = pod.Metadata.NamespaceProperty,
        Name = pod.Metadata.Name,
        Uid = pod.Metadata.Uid,
    };
}
