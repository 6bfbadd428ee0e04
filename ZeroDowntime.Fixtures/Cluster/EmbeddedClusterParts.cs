using ZeroDowntime.LocalCluster;
using ZeroDowntime.LocalCluster.Controllers;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>Wires the control plane into the embedded cluster's options; the process kubelet and load balancers come with the host by default.</summary>
internal static class EmbeddedClusterParts
{
    public static LocalClusterOptions Configure(LocalClusterOptions options) => options.AddControllers();
}
