using k8s;
using k8s.Models;

namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>
/// Reads a <see cref="KubeWatch"/> enumeration step by step, so a test can take some events, change the
/// cluster, then take more. Every take has a deadline and, on timeout, says what it got.
/// </summary>
/// <example><code>
/// await using var watch = WatchReader.Start(ct => kube.ListAndWatchAsync(KubeResources.Pods, ns, ct: ct));
/// var initial = await watch.TakeAsync(2);
/// </code></example>
public sealed class WatchReader<T> : IAsyncDisposable
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly CancellationTokenSource _stop = new();
    private readonly IAsyncEnumerator<WatchEvent<T>> _events;
    private readonly List<WatchEvent<T>> _seen = [];
    private Task<bool>? _pending;

    internal WatchReader(Func<CancellationToken, IAsyncEnumerable<WatchEvent<T>>> watch) => _events = watch(_stop.Token).GetAsyncEnumerator(_stop.Token);

    /// <summary>Every event taken so far.</summary>
    public IReadOnlyList<WatchEvent<T>> Seen => _seen;

    /// <summary>The next <paramref name="count"/> events.</summary>
    /// <exception cref="TimeoutException">Fewer arrived within the deadline.</exception>
    /// <exception cref="InvalidOperationException">The watch ended without an error.</exception>
    public async Task<IReadOnlyList<WatchEvent<T>>> TakeAsync(int count, TimeSpan? deadline = null)
    {
        var limit = deadline ?? TestTimeouts.Event;
        using var timeout = new CancellationTokenSource(limit);
        var taken = new List<WatchEvent<T>>();
        while (taken.Count < count)
        {
            _pending ??= _events.MoveNextAsync().AsTask();
            var finished = await Task.WhenAny(_pending, Task.Delay(Timeout.Infinite, timeout.Token));
            if (finished != _pending)
            {
                throw new TimeoutException($"expected {count} watch events within {limit.TotalSeconds:0.#} s, got {taken.Count}: [{Describe(taken)}]; before: [{Describe(_seen.SkipLast(taken.Count))}]");
            }

            var more = await _pending;
            _pending = null;
            if (!more)
            {
                throw new WatchEndedException($"the watch ended after [{Describe(taken)}]");
            }

            taken.Add(_events.Current);
            _seen.Add(_events.Current);
        }

        return taken;
    }

    /// <summary>Reads until the watch throws, and returns what it threw.</summary>
    public async Task<Exception> FailureAsync(TimeSpan? deadline = null)
    {
        try
        {
            await TakeAsync(int.MaxValue, deadline);
        }
        catch (Exception ex) when (ex is not TimeoutException and not WatchEndedException)
        {
            return ex;
        }

        throw new InvalidOperationException("unreachable: TakeAsync(int.MaxValue) returns only by throwing");
    }

    /// <summary><c>Origin:Type:name@resourceVersion</c>, e.g. <c>Relist:Deleted:b@1</c>.</summary>
    public static string Describe(WatchEvent<T> e) => $"{e.Origin}:{e.Type}:{e.Object.Metadata?.Name}@{e.Object.Metadata?.ResourceVersion}";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_pending is not null)
        {
            await _pending.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        try
        {
            await _events.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // Stopping a watch by cancelling it is the normal way out.
        }

        _stop.Dispose();
    }

    private static string Describe(IEnumerable<WatchEvent<T>> events) => string.Join(", ", events.Select(Describe));

    private sealed class WatchEndedException(string message) : InvalidOperationException(message);
}

/// <summary>Starts <see cref="WatchReader{T}"/>s.</summary>
public static class WatchReader
{
    /// <summary>Starts reading the watch that <paramref name="watch"/> opens with the reader's cancellation token.</summary>
    public static WatchReader<T> Start<T>(Func<CancellationToken, IAsyncEnumerable<WatchEvent<T>>> watch)
        where T : IKubernetesObject<V1ObjectMeta> => new(watch);
}
