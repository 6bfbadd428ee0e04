using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Networking;

/// <summary>
/// discovery.k8s.io/v1 EndpointSlices for a service: one slice per distinct resolved port set,
/// labelled <c>kubernetes.io/service-name</c> and owned by the service. Every backend is listed,
/// terminating ones too, with conditions ready (Ready and not terminating), serving (Ready) and
/// terminating.
/// </summary>
public static class EndpointSliceWriter
{
    /// <summary>The label naming the slice's service.</summary>
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    /// <summary>The label naming the slice's manager.</summary>
    public const string ManagedByLabel = "endpointslice.kubernetes.io/managed-by";

    private const string ManagedBy = "endpointslice-controller.k8s.io";

    /// <summary>The endpoints of one slice.</summary>
    public static IReadOnlyList<V1Endpoint> EndpointsOf(IEnumerable<ServiceBackend> backends) =>
        backends.Select(b => new V1Endpoint
        {
            Addresses = [b.Pod.Status!.PodIP!],
            Conditions = new V1EndpointConditions
            {
                Ready = b.Pod.IsReady(),
                Serving = b.Pod.HasReadyCondition(),
                Terminating = b.Pod.IsTerminating(),
            },
            NodeName = b.Pod.Spec?.NodeName,
            TargetRef = ServiceBackends.TargetRef(b.Pod),
        }).ToList();

    /// <summary>Creates, updates and deletes the service's slices to match <paramref name="backends"/>.</summary>
    public static void Write(ClusterApi api, V1Service service, IReadOnlyList<ServiceBackend> backends)
    {
        var ns = service.Metadata.NamespaceProperty;
        var name = service.Metadata.Name!;
        var existing = api.EndpointSlices.ListStored(ns, $"{ServiceNameLabel}={name},{ManagedByLabel}={ManagedBy}")
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var groups = backends.GroupBy(b => b.PortsKey).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var desired = groups.Count > 0
            ? groups.Select(g => (Ports: g.First().Ports, Endpoints: EndpointsOf(g))).ToList()
            : [(Ports: ServiceBackends.ResolvePorts(service, new V1Pod()), Endpoints: (IReadOnlyList<V1Endpoint>)[])];
        for (var i = 0; i < desired.Count; i++)
        {
            var ports = desired[i].Ports.Count > 0 ? Typed.ToNode(desired[i].Ports.Select(SlicePort).ToList()) : null;
            // As the API server returns a slice without endpoints: "endpoints": null (a nil list after storage), not [].
            JsonNode? endpoints = desired[i].Endpoints.Count > 0 ? Typed.ToNode(desired[i].Endpoints) : null;
            if (i < existing.Count)
            {
                api.EndpointSlices.Mutate(ns, existing[i].Name, o =>
                {
                    o["endpoints"] = endpoints?.DeepClone();
                    o.Remove("ports");
                    if (ports is not null)
                    {
                        o["ports"] = ports;
                    }
                });
                continue;
            }

            api.EndpointSlices.Create(new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["generateName"] = $"{name}-",
                    ["namespace"] = ns,
                    ["labels"] = new JsonObject { [ServiceNameLabel] = name, [ManagedByLabel] = ManagedBy },
                    ["ownerReferences"] = new JsonArray(Typed.ToNode(Typed.ControllerRefTo(service))),
                },
                ["addressType"] = "IPv4",
                ["endpoints"] = endpoints,
                ["ports"] = ports,
            });
        }

        foreach (var surplus in existing.Skip(desired.Count))
        {
            try
            {
                api.EndpointSlices.Delete(ns, surplus.Name);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Already gone.
            }
        }
    }

    private static Discoveryv1EndpointPort SlicePort(Corev1EndpointPort port) =>
        new() { Name = port.Name, Port = port.Port, Protocol = port.Protocol, AppProtocol = port.AppProtocol };
}
