using ZeroDowntime.LocalCluster;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>Wires the control plane and the process kubelet into the embedded cluster's options (one place to change when those parts move).</summary>
internal static class EmbeddedClusterParts
{
    public static LocalClusterOptions Configure(LocalClusterOptions options) => options;
}
