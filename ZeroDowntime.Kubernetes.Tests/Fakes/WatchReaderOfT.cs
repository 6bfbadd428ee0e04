using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>
/// Reads a <see cref="KubeWatch"/> enumeration in the background, as a real consumer does (so re-watches and
/// relists happen while the test is busy elsewhere), and hands the events out step by step: a test can take
/// some, change the cluster, then take more. Every take has a deadline and, on timeout, says what it got.
/// </summary>
/// <example><code>
/// await using var watch = WatchReader.Start(ct => kube.ListAndWatchAsync(KubeResources.Pods, ns, ct: ct));
/// var initial = await watch.TakeAsync(2);
/// </code></example>
public sealed class WatchReader<T> : IAsyncDisposable
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<KubeWatchEvent<T>> _events = Channel.CreateUnbounded<KubeWatchEvent<T>>();
    private readonly List<KubeWatchEvent<T>> _taken = [];
    private readonly Task _pump;

    internal WatchReader(Func<CancellationToken, IAsyncEnumerable<KubeWatchEvent<T>>> watch) =>
        _pump = Task.Run(() => PumpAsync(watch(_stop.Token)));

    /// <summary>Every event taken so far.</summary>
    public IReadOnlyList<KubeWatchEvent<T>> Taken => _taken;

    /// <summary>The next <paramref name="count"/> events.</summary>
    /// <exception cref="TimeoutException">Fewer arrived within the deadline.</exception>
    /// <exception cref="WatchEndedException">The watch ended or failed (the failure is the inner exception).</exception>
    public async Task<IReadOnlyList<KubeWatchEvent<T>>> TakeAsync(int count, TimeSpan? deadline = null)
    {
        var limit = deadline ?? TestTimeouts.Event;
        using var timeout = new CancellationTokenSource(limit);
        var taken = new List<KubeWatchEvent<T>>();
        try
        {
            while (taken.Count < count)
            {
                var next = await _events.Reader.ReadAsync(timeout.Token);
                taken.Add(next);
                _taken.Add(next);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"expected {count} watch events within {limit.TotalSeconds:0.#} s, got {taken.Count}: [{Describe(taken)}]; before: [{Describe(_taken.SkipLast(taken.Count))}]");
        }
        catch (ChannelClosedException closed)
        {
            throw new WatchEndedException($"the watch ended after [{Describe(taken)}]", closed.InnerException);
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
        catch (WatchEndedException ended) when (ended.InnerException is not null)
        {
            return ended.InnerException;
        }

        throw new InvalidOperationException("the watch ended without an error");
    }

    /// <summary><c>Origin:Type:name@resourceVersion</c>, e.g. <c>Relist:Deleted:b@1</c>.</summary>
    public static string Describe(KubeWatchEvent<T> e) => $"{e.Origin}:{e.Type}:{e.Object.Metadata?.Name}@{e.Object.Metadata?.ResourceVersion}";

    /// <summary><c>Origin:Type:name</c>, for events whose resourceVersion the server chose.</summary>
    public static string DescribeWithoutVersion(KubeWatchEvent<T> e) => $"{e.Origin}:{e.Type}:{e.Object.Metadata?.Name}";

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        _stop.Dispose();
    }

    private static string Describe(IEnumerable<KubeWatchEvent<T>> events) => string.Join(", ", events.Select(Describe));

    private async Task PumpAsync(IAsyncEnumerable<KubeWatchEvent<T>> watch)
    {
        try
        {
            await foreach (var e in watch)
            {
                await _events.Writer.WriteAsync(e);
            }

            _events.Writer.Complete();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopping a watch by cancelling it is the normal way out.
            _events.Writer.Complete();
        }
        catch (Exception ex)
        {
            _events.Writer.Complete(ex);
        }
    }
}
