using k8s;
using k8s.Models;

namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>Starts <see cref="WatchReader{T}"/>s.</summary>
public static class WatchReader
{
    /// <summary>Starts reading the watch that <paramref name="watch"/> opens with the reader's cancellation token.</summary>
    public static WatchReader<T> Start<T>(Func<CancellationToken, IAsyncEnumerable<KubeWatchEvent<T>>> watch)
        where T : IKubernetesObject<V1ObjectMeta> => new(watch);
}
