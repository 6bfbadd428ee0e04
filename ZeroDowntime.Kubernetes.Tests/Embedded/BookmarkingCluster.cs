using ZeroDowntime.LocalCluster;

namespace ZeroDowntime.Kubernetes.Tests.Embedded;

/// <summary>An <see cref="EmbeddedCluster"/> that sends a BOOKMARK on every watch every <see cref="BookmarkInterval"/> (the API server's is about a minute).</summary>
public sealed class BookmarkingCluster : EmbeddedCluster
{
    /// <summary>Interval between bookmarks.</summary>
    public static readonly TimeSpan BookmarkInterval = TimeSpan.FromMilliseconds(200);

    /// <inheritdoc />
    protected override void Configure(LocalClusterOptions options) => options.BookmarkInterval = BookmarkInterval;
}
