using ZeroDowntime.LocalCluster;

namespace ZeroDowntime.Kubernetes.Tests.Embedded;

/// <summary>An <see cref="EmbeddedCluster"/> that keeps only <see cref="HistorySize"/> events, so a test can push a resourceVersion out of its watch window.</summary>
public sealed class ShortHistoryCluster : EmbeddedCluster
{
    /// <summary>Events the cluster keeps for watch resume; older resourceVersions get 410 Expired.</summary>
    public const int HistorySize = 40;

    /// <inheritdoc />
    protected override void Configure(LocalClusterOptions options) => options.WatchHistorySize = HistorySize;
}
