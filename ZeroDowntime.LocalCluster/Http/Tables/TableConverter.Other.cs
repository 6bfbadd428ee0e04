using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Http.Tables;

internal static partial class TableConverter
{
    private static readonly TableColumn[] PdbColumns =
    [
        NameColumn,
        new("Min Available", "string", "The minimum number of pods that must be available.", 0, (o, _) => IntOrString(o.GetNode("spec", "minAvailable"))),
        new("Max Unavailable", "string", "The maximum number of pods that may be unavailable.", 0, (o, _) => IntOrString(o.GetNode("spec", "maxUnavailable"))),
        new("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time.", 0,
            (o, _) => o.GetInt64("status", "disruptionsAllowed") ?? 0),
        AgeColumn,
    ];

    private static readonly TableColumn[] ServiceColumns =
    [
        NameColumn,
        new("Type", "string", "The type of the service.", 0, (o, _) => o.GetString("spec", "type") ?? "ClusterIP"),
        new("Cluster-IP", "string", "The cluster-ip of the service.", 0, (o, _) => OrNone(o.GetString("spec", "clusterIP"))),
        new("External-IP", "string", "The external-ip of the service.", 0, (o, _) => ExternalIp(o)),
        new("Port(s)", "string", "The ports of the service.", 0, (o, _) => ServicePorts(o)),
        AgeColumn,
        new("Selector", "string", "The selector of the service.", 1, (o, _) =>
            o.GetNode("spec", "selector") is JsonObject s && s.Count > 0 ? string.Join(",", s.Select(p => $"{p.Key}={p.Value}")) : "<none>"),
    ];

    private static readonly TableColumn[] NamespaceColumns =
    [
        NameColumn,
        new("Status", "string", "The status of the namespace", 0, (o, _) => o.GetString("status", "phase") ?? "Active"),
        AgeColumn,
    ];

    private static readonly TableColumn[] ConfigMapColumns =
    [
        NameColumn,
        new("Data", "integer", "Number of data entries.", 0,
            (o, _) => ((o["data"] as JsonObject)?.Count ?? 0) + ((o["binaryData"] as JsonObject)?.Count ?? 0)),
        AgeColumn,
    ];

    private static readonly TableColumn[] LeaseColumns =
    [
        NameColumn,
        new("Holder", "string", "The holder of the lease.", 0, (o, _) => o.GetString("spec", "holderIdentity") ?? ""),
        AgeColumn,
    ];

    private static string ExternalIp(JsonObject service)
    {
        var type = service.GetString("spec", "type");
        if (service.GetNode("spec", "externalIPs") is JsonArray { Count: > 0 } external)
        {
            return string.Join(",", external.Select(e => e?.ToString()));
        }

        if (type == "ExternalName")
        {
            return service.GetString("spec", "externalName") ?? "<none>";
        }

        if (type != "LoadBalancer")
        {
            return "<none>";
        }

        var ingress = (service.GetNode("status", "loadBalancer", "ingress") as JsonArray)?.OfType<JsonObject>()
            .Select(i => i.GetString("ip") ?? i.GetString("hostname")).Where(a => a is not null).ToList() ?? [];
        return ingress.Count == 0 ? "<pending>" : string.Join(",", ingress);
    }

    private static string ServicePorts(JsonObject service)
    {
        var ports = (service.GetNode("spec", "ports") as JsonArray)?.OfType<JsonObject>().Select(p =>
        {
            var protocol = p.GetString("protocol") ?? "TCP";
            var port = p.GetInt64("port") ?? 0;
            return p.GetInt64("nodePort") is { } nodePort and > 0 ? $"{port}:{nodePort}/{protocol}" : $"{port}/{protocol}";
        }).ToList() ?? [];
        return ports.Count == 0 ? "<none>" : string.Join(",", ports);
    }
}
