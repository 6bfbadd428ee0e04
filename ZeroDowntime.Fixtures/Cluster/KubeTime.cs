namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>
/// k8s.Models timestamps are <see cref="DateTime"/> in UTC; the suite's timeline uses <see cref="DateTimeOffset"/>.
/// A value built by hand may carry <see cref="DateTimeKind.Unspecified"/>: it is read as UTC, as the API means it.
/// </summary>
internal static class KubeTime
{
    public static DateTimeOffset? ToOffset(DateTime? time) => time is { } t ? ToOffset(t) : null;

    public static DateTimeOffset ToOffset(DateTime time) => time.Kind == DateTimeKind.Local
        ? new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero)
        : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero);
}
