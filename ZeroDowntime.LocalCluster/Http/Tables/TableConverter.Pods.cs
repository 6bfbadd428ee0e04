using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Http.Tables;

internal static partial class TableConverter
{
    private static readonly TableColumn[] PodColumns =
    [
        NameColumn,
        new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic.", 0, (o, _) => PodReady(o)),
        new("Status", "string", "The aggregate status of the containers in this pod.", 0, (o, _) => PodStatus(o)),
        new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.", 0,
            (o, _) => Int(ContainerStatuses(o).Sum(c => c.GetInt64("restartCount") ?? 0))),
        AgeColumn,
        new("IP", "string", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1,
            (o, _) => OrNone(o.GetString("status", "podIP"))),
        new("Node", "string", "NodeName is a request to schedule this pod onto a specific node.", 1, (o, _) => OrNone(o.GetString("spec", "nodeName"))),
        new("Nominated Node", "string", "nominatedNodeName is set when this pod preempts other pods on the node.", 1,
            (o, _) => OrNone(o.GetString("status", "nominatedNodeName"))),
        new("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod readiness.", 1, (o, _) => ReadinessGates(o)),
    ];

    private static readonly TableColumn[] NodeColumns =
    [
        NameColumn,
        new("Status", "string", "The status of the node", 0, (o, _) => NodeStatus(o)),
        new("Roles", "string", "The roles of the node", 0, (o, _) => NodeRoles(o)),
        AgeColumn,
        new("Version", "string", "Kubelet Version reported by the node.", 0, (o, _) => o.GetString("status", "nodeInfo", "kubeletVersion") ?? ""),
        new("Internal-IP", "string", "List of internal IPs for the node.", 1, (o, _) => NodeAddress(o, "InternalIP")),
        new("External-IP", "string", "List of external IPs for the node.", 1, (o, _) => NodeAddress(o, "ExternalIP")),
        new("OS-Image", "string", "OS image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1,
            (o, _) => o.GetString("status", "nodeInfo", "osImage") ?? "<unknown>"),
        new("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1,
            (o, _) => o.GetString("status", "nodeInfo", "kernelVersion") ?? "<unknown>"),
        new("Container-Runtime", "string", "Container runtime version reported by the node.", 1,
            (o, _) => o.GetString("status", "nodeInfo", "containerRuntimeVersion") ?? "<unknown>"),
    ];

    private static IEnumerable<JsonObject> ContainerStatuses(JsonObject pod) =>
        (pod.GetNode("status", "containerStatuses") as JsonArray)?.OfType<JsonObject>() ?? [];

    private static string PodReady(JsonObject pod)
    {
        var total = (pod.GetNode("spec", "containers") as JsonArray)?.Count ?? 0;
        var ready = ContainerStatuses(pod).Count(c => c.GetBool("ready") == true);
        return $"{ready}/{total}";
    }

    /// <summary>kubectl's pod STATUS column: phase or reason, refined by container states; Terminating wins.</summary>
    internal static string PodStatus(JsonObject pod)
    {
        var reason = pod.GetString("status", "reason") is { Length: > 0 } r ? r : pod.GetString("status", "phase") ?? "Unknown";
        var hasRunning = false;
        foreach (var container in ContainerStatuses(pod).Reverse())
        {
            if (container.GetString("state", "waiting", "reason") is { Length: > 0 } waiting)
            {
                reason = waiting;
            }
            else if (container.GetNode("state", "terminated") is JsonObject terminated)
            {
                reason = terminated.GetString("reason") is { Length: > 0 } why ? why
                    : terminated.GetInt64("signal") is { } signal and not 0 ? $"Signal:{signal}"
                    : $"ExitCode:{terminated.GetInt64("exitCode") ?? 0}";
            }
            else if (container.GetNode("state", "running") is not null && container.GetBool("ready") == true)
            {
                hasRunning = true;
            }
        }

        if (reason == "Completed" && hasRunning)
        {
            reason = pod.Condition("Ready")?.GetString("status") == "True" ? "Running" : "NotReady";
        }

        if (pod.GetNode("metadata", "deletionTimestamp") is not null)
        {
            reason = pod.GetString("status", "reason") == "NodeLost" ? "Unknown" : "Terminating";
        }

        return reason;
    }

    private static string ReadinessGates(JsonObject pod)
    {
        if (pod.GetNode("spec", "readinessGates") is not JsonArray { Count: > 0 } gates)
        {
            return "<none>";
        }

        var passed = gates.OfType<JsonObject>().Count(g => pod.Condition(g.GetString("conditionType") ?? "")?.GetString("status") == "True");
        return $"{passed}/{gates.Count}";
    }

    private static string NodeStatus(JsonObject node)
    {
        var ready = node.Condition("Ready")?.GetString("status");
        var status = ready switch { "True" => "Ready", "False" => "NotReady", _ => "Unknown" };
        return node.GetBool("spec", "unschedulable") == true ? status + ",SchedulingDisabled" : status;
    }

    private static string NodeRoles(JsonObject node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        if (node.GetNode("metadata", "labels") is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                if (key.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal))
                {
                    roles.Add(key["node-role.kubernetes.io/".Length..]);
                }
                else if (key == "kubernetes.io/role" && value?.ToString() is { Length: > 0 } role)
                {
                    roles.Add(role);
                }
            }
        }

        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static string NodeAddress(JsonObject node, string type)
    {
        var addresses = (node.GetNode("status", "addresses") as JsonArray)?.OfType<JsonObject>()
            .Where(a => a.GetString("type") == type).Select(a => a.GetString("address")).ToList() ?? [];
        return addresses.Count == 0 ? "<none>" : string.Join(",", addresses);
    }
}
