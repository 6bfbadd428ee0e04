using System.Globalization;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;

namespace ZeroDowntime.LocalCluster.Controllers;

/// <summary>Registers the cluster's nodes (<c>zd-node-1..N</c>), each Ready with a hostname label.</summary>
public static class NodeRegistrar
{
    /// <summary>The kubelet version nodes report.</summary>
    public const string KubeletVersion = "v1.32.0-zd";

    /// <summary>The name of node <paramref name="index"/> (1-based).</summary>
    public static string NodeName(int index) => $"zd-node-{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Creates <paramref name="count"/> nodes that do not exist yet.</summary>
    public static void Register(ClusterApi api, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            var name = NodeName(i);
            if (api.Nodes.TryGet(null, name) is null)
            {
                api.Nodes.Create(NewNode(api, name, i));
            }
        }
    }

    private static JsonObject NewNode(ClusterApi api, string name, int index)
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
                    ["kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = "amd64",
                    ["beta.kubernetes.io/os"] = "linux",
                    ["beta.kubernetes.io/arch"] = "amd64",
                },
            },
            ["spec"] = new JsonObject { ["podCIDR"] = $"10.244.{index}.0/24" },
            ["status"] = new JsonObject
            {
                ["capacity"] = new JsonObject { ["cpu"] = "8", ["memory"] = "32Gi", ["pods"] = "110" },
                ["allocatable"] = new JsonObject { ["cpu"] = "8", ["memory"] = "32Gi", ["pods"] = "110" },
                ["conditions"] = new JsonArray(
                    Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", now),
                    Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", now),
                    Condition("PIDPressure", "False", "KubeletHasSufficientPID", now),
                    Condition("Ready", "True", "KubeletReady", now)),
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = "127.0.0.1" },
                    new JsonObject { ["type"] = "Hostname", ["address"] = name }),
                ["nodeInfo"] = new JsonObject
                {
                    ["kubeletVersion"] = KubeletVersion,
                    ["kubeProxyVersion"] = KubeletVersion,
                    ["osImage"] = "ZeroDowntime local node",
                    ["kernelVersion"] = Environment.OSVersion.Version.ToString(),
                    ["containerRuntimeVersion"] = "zd-process://1",
                    ["operatingSystem"] = "linux",
                    ["architecture"] = "amd64",
                },
            },
        };
    }

    private static JsonObject Condition(string type, string status, string reason, string now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["reason"] = reason,
        ["lastHeartbeatTime"] = now,
        ["lastTransitionTime"] = now,
    };
}
