using System.Text.Json.Nodes;
using k8s.Models;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers.Infrastructure;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Controllers.Networking;

/// <summary>
/// core/v1 Endpoints for every Service with a selector: Ready pods in <c>addresses</c>, the others
/// in <c>notReadyAddresses</c>, terminating pods nowhere (they leave at once, unless the service
/// publishes not-ready addresses); pods grouped into subsets by their resolved ports. The
/// EndpointSlices are written by the same pass (<see cref="EndpointSliceWriter"/>).
/// </summary>
public sealed class EndpointsController : ReconcilingController
{
    /// <summary>Creates the controller.</summary>
    public EndpointsController(ControllerSettings settings)
        : base(settings)
    {
    }

    /// <inheritdoc />
    public override string Name => "endpoint-controller";

    /// <inheritdoc />
    protected override IEnumerable<WatchSource> Sources(ClusterApi api) =>
    [
        new(api.Services, e => [KeyOf(e)]),
        new(api.Pods, e => ServicesSelecting(api, e.Namespace, e.Stored.Labels)),
    ];

    /// <inheritdoc />
    protected override IEnumerable<string> AllKeys(ClusterApi api) => api.Services.ListStored().Select(o => o.Key);

    /// <inheritdoc />
    protected override TimeSpan? Reconcile(ClusterApi api, string key)
    {
        var (ns, name) = SplitKey(key);
        var stored = api.Store.Get(api.Services.Type, ns, name);
        if (stored is null || stored.IsDeleting)
        {
            return null;
        }

        var service = stored.As<V1Service>();
        if (service.Spec?.Selector is not { Count: > 0 })
        {
            return null;
        }

        var backends = ServiceBackends.Of(service, api.Pods.ListStored(ns).Select(o => o.As<V1Pod>()));
        WriteEndpoints(api, service, Subsets(service, backends));
        EndpointSliceWriter.Write(api, service, backends);
        return null;
    }

    /// <summary>The Endpoints subsets for <paramref name="backends"/>.</summary>
    public static IReadOnlyList<V1EndpointSubset> Subsets(V1Service service, IReadOnlyList<ServiceBackend> backends)
    {
        var publishNotReady = service.Spec?.PublishNotReadyAddresses == true;
        var subsets = new List<V1EndpointSubset>();
        foreach (var group in backends.Where(b => b.Ports.Count > 0 || (service.Spec?.Ports?.Count ?? 0) == 0).GroupBy(b => b.PortsKey))
        {
            var ready = new List<V1EndpointAddress>();
            var notReady = new List<V1EndpointAddress>();
            foreach (var backend in group)
            {
                var pod = backend.Pod;
                if (pod.IsTerminating() && !publishNotReady)
                {
                    continue;
                }

                var address = new V1EndpointAddress
                {
                    Ip = pod.Status!.PodIP!,
                    NodeName = pod.Spec?.NodeName,
                    Hostname = pod.Spec?.Subdomain == service.Metadata.Name ? pod.Spec?.Hostname : null,
                    TargetRef = ServiceBackends.TargetRef(pod),
                };
                (pod.IsReady() || publishNotReady ? ready : notReady).Add(address);
            }

            if (ready.Count + notReady.Count > 0)
            {
                subsets.Add(new V1EndpointSubset
                {
                    Addresses = ready.Count > 0 ? ready : null,
                    NotReadyAddresses = notReady.Count > 0 ? notReady : null,
                    Ports = group.First().Ports.Count > 0 ? group.First().Ports.ToList() : null,
                });
            }
        }

        return subsets;
    }

    private static void WriteEndpoints(ClusterApi api, V1Service service, IReadOnlyList<V1EndpointSubset> subsets)
    {
        var ns = service.Metadata.NamespaceProperty;
        var name = service.Metadata.Name!;
        var subsetsNode = subsets.Count == 0 ? null : Typed.ToNode(subsets);
        var labels = service.Metadata.Labels is null ? null : Typed.ToNode(service.Metadata.Labels);
        if (api.Endpoints.TryGet(ns, name) is null)
        {
            try
            {
                api.Endpoints.Create(new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels },
                    ["subsets"] = subsetsNode,
                });
                return;
            }
            catch (ApiException e) when (e.Code == 409)
            {
                // Created meanwhile: update it below.
            }
        }

        api.Endpoints.Mutate(ns, name, o =>
        {
            o.Remove("subsets");
            if (subsetsNode is not null)
            {
                o["subsets"] = subsetsNode.DeepClone();
            }
        });
    }

    private static IEnumerable<string> ServicesSelecting(ClusterApi api, string? ns, IReadOnlyDictionary<string, string> podLabels)
    {
        foreach (var stored in api.Services.ListStored(ns))
        {
            var selector = stored.ToJsonObject().GetNode("spec", "selector") as JsonObject;
            if (selector is { Count: > 0 } && selector.All(s => podLabels.TryGetValue(s.Key, out var v) && v == s.Value?.GetValue<string>()))
            {
                yield return stored.Key;
            }
        }
    }
}
