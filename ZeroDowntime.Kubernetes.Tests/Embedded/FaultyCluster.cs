using ZeroDowntime.LocalCluster;
using ZeroDowntime.LocalCluster.Controllers.Disruption;
using ZeroDowntime.LocalCluster.Http.Faults;

namespace ZeroDowntime.Kubernetes.Tests.Embedded;

/// <summary>An <see cref="EmbeddedCluster"/> whose API server injects one fault profile with a fixed seed, and serves evictions.</summary>
public sealed class FaultyCluster(ApiFaults faults) : EmbeddedCluster
{
    /// <summary>The faults the server injects; <see cref="ApiFaults.Injected"/> counts them.</summary>
    public ApiFaults Faults { get; } = faults;

    /// <inheritdoc />
    protected override void Configure(LocalClusterOptions options)
    {
        options.Faults = Faults;
        options.Subresources.Register("", "pods", "eviction", EvictionHandler.HandleAsync);
    }
}
