using System.Net;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Kubelet;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Networking;

/// <summary>
/// The Ready backends of a Service port: from its Endpoints object (the endpoints controller's
/// <c>subsets[].addresses</c>, never <c>notReadyAddresses</c>) when one exists, else computed from
/// the Ready, non-terminating pods its selector matches.
/// </summary>
public static class ServiceEndpointResolver
{
    /// <summary>Backends per service port (keyed by the service port number), in a stable order.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<IPEndPoint>> Compute(ClusterApi api, JsonObject service)
    {
        var ns = service.Namespace() ?? "default";
        var ports = (service.GetNode("spec", "ports") as JsonArray ?? []).OfType<JsonObject>().ToList();
        var result = new Dictionary<int, IReadOnlyList<IPEndPoint>>();
        var endpoints = api.Endpoints.TryGet(ns, service.Name());
        List<JsonObject>? pods = null;
        foreach (var port in ports)
        {
            var number = (int)(port.GetInt64("port") ?? 0);
            result[number] = endpoints is not null
                ? FromEndpoints(endpoints, port.GetString("name") ?? "")
                : FromPods(pods ??= SelectedPods(api, ns, service), port);
        }

        return result;
    }

    /// <summary>The service port matching <paramref name="portNameOrNumber"/> (empty = the first).</summary>
    public static JsonObject? FindPort(JsonObject service, string portNameOrNumber)
    {
        var ports = (service.GetNode("spec", "ports") as JsonArray ?? []).OfType<JsonObject>().ToList();
        return portNameOrNumber.Length == 0
            ? ports.FirstOrDefault()
            : ports.FirstOrDefault(p => p.GetString("name") == portNameOrNumber || p.GetInt64("port")?.ToString(System.Globalization.CultureInfo.InvariantCulture) == portNameOrNumber);
    }

    private static List<IPEndPoint> FromEndpoints(JsonObject endpoints, string portName)
    {
        var list = new List<IPEndPoint>();
        foreach (var subset in (endpoints["subsets"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var port = (subset["ports"] as JsonArray ?? []).OfType<JsonObject>()
                .FirstOrDefault(p => (p.GetString("name") ?? "") == portName);
            if (port?.GetInt64("port") is not { } number)
            {
                continue;
            }

            foreach (var address in (subset["addresses"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (IPAddress.TryParse(address.GetString("ip"), out var ip))
                {
                    list.Add(new IPEndPoint(ip, (int)number));
                }
            }
        }

        return list;
    }

    private static List<IPEndPoint> FromPods(List<JsonObject> pods, JsonObject servicePort)
    {
        var list = new List<IPEndPoint>();
        foreach (var pod in pods)
        {
            if (!pod.IsPodReady() || !IPAddress.TryParse(pod.GetString("status", "podIP"), out var ip))
            {
                continue;
            }

            var target = servicePort["targetPort"] ?? servicePort["port"];
            var port = (pod.GetNode("spec", "containers") as JsonArray ?? []).OfType<JsonObject>()
                .Select(c => HandlerRunner.ResolvePort(target, c)).FirstOrDefault(p => p is not null);
            if (port is not null)
            {
                list.Add(new IPEndPoint(ip, port.Value));
            }
        }

        return list;
    }

    private static List<JsonObject> SelectedPods(ClusterApi api, string ns, JsonObject service)
    {
        if (service.GetNode("spec", "selector") is not JsonObject selector || selector.Count == 0)
        {
            return [];
        }

        var labels = string.Join(',', selector.Select(p => $"{p.Key}={p.Value?.GetValue<string>()}"));
        try
        {
            return api.Pods.List(ns, labels).OrderBy(p => p.Name(), StringComparer.Ordinal).ToList();
        }
        catch (ApiException)
        {
            return [];
        }
    }
}
