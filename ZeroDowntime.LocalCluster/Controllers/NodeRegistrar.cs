using System.Globalization;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Nodes;

namespace ZeroDowntime.LocalCluster.Controllers;

/// <summary>
/// Registers the cluster's nodes (<c>zd-node-1..N</c>) as a kubelet registers its own: Ready, with
/// the hostname/os/arch labels, capacity and allocatable, addresses, daemon endpoints and a complete
/// <c>nodeInfo</c> (kernel, OS image and architecture of the host; machine id and system UUID stable
/// per node; a boot id per cluster start), plus the node's Lease in <c>kube-node-lease</c>.
/// </summary>
public static class NodeRegistrar
{
    /// <summary>The kubelet version nodes report (the same as <c>/version</c>).</summary>
    public const string KubeletVersion = KubernetesVersion.GitVersion;

    /// <summary>
    /// What <c>nodeInfo.containerRuntimeVersion</c> says: containers are processes started by the
    /// local cluster's own runtime, not by containerd or CRI-O.
    /// </summary>
    public const string ContainerRuntimeVersion = "zd-process://1.0";

    /// <summary>The name of node <paramref name="index"/> (1-based).</summary>
    public static string NodeName(int index) => $"zd-node-{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Creates <paramref name="count"/> nodes (and their leases) that do not exist yet.</summary>
    public static void Register(ClusterApi api, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            var name = NodeName(i);
            var node = api.Nodes.TryGet(null, name) ?? api.Nodes.Create(NewNode(api, name, i, HostFacts.Current));
            NodeLeases.Renew(api, node);
        }
    }

    /// <summary>The Node object a kubelet on this host would register as <paramref name="name"/>.</summary>
    public static JsonObject NewNode(ClusterApi api, string name, int index, HostFacts host)
    {
        var now = api.Timestamp();
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject
                {
                    ["kubernetes.io/hostname"] = name,
                    ["kubernetes.io/os"] = host.OperatingSystem,
                    ["kubernetes.io/arch"] = host.Architecture,
                    ["beta.kubernetes.io/os"] = host.OperatingSystem,
                    ["beta.kubernetes.io/arch"] = host.Architecture,
                },
                ["annotations"] = new JsonObject
                {
                    ["node.alpha.kubernetes.io/ttl"] = "0",
                    ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true",
                },
            },
            ["spec"] = new JsonObject
            {
                ["podCIDR"] = $"10.244.{index}.0/24",
                ["podCIDRs"] = new JsonArray($"10.244.{index}.0/24"),
            },
            ["status"] = new JsonObject
            {
                ["capacity"] = Resources(),
                ["allocatable"] = Resources(),
                ["conditions"] = new JsonArray(
                    Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
                    Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
                    Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
                    Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now)),
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = "127.0.0.1" },
                    new JsonObject { ["type"] = "Hostname", ["address"] = name }),
                // No kubelet API listens for a local node (logs and proxies go through the API server), so the port is 0.
                ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 0 } },
                ["nodeInfo"] = new JsonObject
                {
                    ["machineID"] = host.NodeMachineId(name),
                    ["systemUUID"] = host.NodeSystemUuid(name),
                    ["bootID"] = Guid.NewGuid().ToString(),
                    ["kernelVersion"] = host.KernelVersion,
                    ["osImage"] = host.OsImage,
                    ["containerRuntimeVersion"] = ContainerRuntimeVersion,
                    ["kubeletVersion"] = KubeletVersion,
                    ["kubeProxyVersion"] = KubeletVersion,
                    ["operatingSystem"] = host.OperatingSystem,
                    ["architecture"] = host.Architecture,
                },
            },
        };
    }

    // The scheduler's budget per local node; every node shares the one host, so these are a policy, not the host's size.
    private static JsonObject Resources() => new()
    {
        ["cpu"] = "8",
        ["ephemeral-storage"] = "100Gi",
        ["hugepages-1Gi"] = "0",
        ["hugepages-2Mi"] = "0",
        ["memory"] = "32Gi",
        ["pods"] = "110",
    };

    private static JsonObject Condition(string type, string status, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastHeartbeatTime"] = now,
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
