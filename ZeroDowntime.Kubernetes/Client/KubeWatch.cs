using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;
using ZeroDowntime.Kubernetes.Http;

namespace ZeroDowntime.Kubernetes;

/// <summary>
/// A watch that never loses an event, on top of the official client's. The library ends its stream
/// silently when the server closes it and hands a 410 Expired to <c>onError</c>; this one resumes from
/// the last resourceVersion (bookmarks included) after a clean close or a broken stream, and after 410
/// relists and emits the difference from what it already reported (see <see cref="WatchEventOrigin.Relist"/>).
/// </summary>
/// <example><code>
/// await foreach (var (type, pod) in kube.ListAndWatchAsync(KubeResources.Pods, "ray", new WatchOptions { LabelSelector = "app=ray" }, ct))
///     timeline.Record(type, pod);
/// </code></example>
public static class KubeWatch
{
    /// <summary>
    /// Watches until <paramref name="ct"/> is cancelled or the consumer stops. Without
    /// <see cref="WatchOptions.ResourceVersion"/> the server starts with Added for every current object.
    /// </summary>
    public static IAsyncEnumerable<KubeWatchEvent<T>> WatchAsync<T, TList>(this IKubernetes kube, KubeResource<T, TList> resource,
        string? @namespace = null, WatchOptions? options = null, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : IKubernetesObject<V1ListMeta>, IItems<T> =>
        WatchCoreAsync(kube, resource, @namespace, options ?? new WatchOptions(), initial: null, ct);

    /// <summary>
    /// Watches from a list you already hold: starts at its resourceVersion and knows its items, so a relist
    /// after 410 reports exactly what changed since. Selectors in <paramref name="options"/> should match the list's.
    /// </summary>
    public static IAsyncEnumerable<KubeWatchEvent<T>> WatchFromListAsync<T, TList>(this IKubernetes kube, KubeResource<T, TList> resource,
        ListedItems<T> list, string? @namespace = null, WatchOptions? options = null, CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : IKubernetesObject<V1ListMeta>, IItems<T>
    {
        ArgumentNullException.ThrowIfNull(list);
        var fromList = (options ?? new WatchOptions()) with { ResourceVersion = list.ResourceVersion };
        return WatchCoreAsync(kube, resource, @namespace, fromList, list.Items, ct);
    }

    /// <summary>
    /// Lists (all pages), yields every item as Added with <see cref="WatchEventOrigin.InitialList"/>, then
    /// yields changes as <see cref="WatchFromListAsync{T, TList}"/> does. The usual way to follow a set of objects.
    /// </summary>
    public static async IAsyncEnumerable<KubeWatchEvent<T>> ListAndWatchAsync<T, TList>(this IKubernetes kube, KubeResource<T, TList> resource,
        string? @namespace = null, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken ct = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : IKubernetesObject<V1ListMeta>, IItems<T>
    {
        options ??= new WatchOptions();
        var list = await kube.ListAllAsync(resource, @namespace, options.LabelSelector, options.FieldSelector, ct).ConfigureAwait(false);
        foreach (var item in list.Items)
        {
            yield return new KubeWatchEvent<T>(WatchEventType.Added, item) { Origin = WatchEventOrigin.InitialList };
        }

        await foreach (var change in kube.WatchFromListAsync(resource, list, @namespace, options, ct).ConfigureAwait(false))
        {
            yield return change;
        }
    }

    private static async IAsyncEnumerable<KubeWatchEvent<T>> WatchCoreAsync<T, TList>(IKubernetes kube, KubeResource<T, TList> resource,
        string? @namespace, WatchOptions options, IEnumerable<T>? initial, [EnumeratorCancellation] CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>
        where TList : IKubernetesObject<V1ListMeta>, IItems<T>
    {
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentNullException.ThrowIfNull(resource);
        var what = @namespace is null || !resource.Namespaced ? resource.Plural : $"{resource.Plural} in {@namespace}";
        var cache = new WatchCache<T>(initial);
        var resourceVersion = options.ResourceVersion;
        var broken = 0;
        var empty = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var stream = new StreamState();
            var request = new WatchRequest(options.LabelSelector, options.FieldSelector, resourceVersion, options.TimeoutSeconds);
            var events = resource.WatchOnceAsync(kube, @namespace, request, stream.OnError, ct).GetAsyncEnumerator(ct);
            await using (events.ConfigureAwait(false))
            {
                while (stream.Fatal is null && !stream.Expired)
                {
                    bool more;
                    try
                    {
                        more = await events.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Gone)
                    {
                        stream.Expired = true;
                        break;
                    }
                    catch (Exception ex) when (IsEmptyStream(ex))
                    {
                        // A quiet watch that reached timeoutSeconds ends with an empty body, which the library
                        // (it reads the first line before handing over the stream) reports as an error: a clean close.
                        break;
                    }
                    catch (Exception ex) when ((ex is IOException or HttpRequestException or SocketException) && !ct.IsCancellationRequested)
                    {
                        stream.Broken = ex;
                        break;
                    }

                    if (!more)
                    {
                        break;
                    }

                    var (type, obj) = events.Current;
                    stream.Received++;
                    broken = 0;
                    resourceVersion = obj.Metadata?.ResourceVersion ?? resourceVersion;
                    if (type == WatchEventType.Bookmark)
                    {
                        if (options.IncludeBookmarks) yield return new KubeWatchEvent<T>(type, obj);
                    }
                    else if (type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted && cache.Apply(type, obj))
                    {
                        yield return new KubeWatchEvent<T>(type, obj);
                    }
                }
            }

            if (stream.Fatal is not null)
            {
                throw stream.Fatal;
            }

            if (stream.Expired)
            {
                options.Log?.Invoke($"WATCH {what}: resourceVersion {resourceVersion ?? "(none)"} expired (410 Gone); relisting");
                var list = await kube.ListAllAsync(resource, @namespace, options.LabelSelector, options.FieldSelector, ct).ConfigureAwait(false);
                foreach (var change in cache.Replace(list.Items)) yield return change;
                resourceVersion = list.ResourceVersion;
                empty = 0;
                continue;
            }

            if (stream.Broken is not null)
            {
                // Cancelling the consumer's token can surface as an I/O error of the stream it cut.
                ct.ThrowIfCancellationRequested();
                broken++;
                var reason = RetryHandler.DescribeConnectionFailure(stream.Broken, answered: true);
                if (broken > options.MaxConsecutiveFailures)
                {
                    throw new KubernetesConnectionException(kube.BaseUri, $"the watch of {what} broke {broken} times in a row ({reason})", stream.Broken);
                }

                var wait = Backoff(options, broken);
                options.Log?.Invoke($"WATCH {what}: stream broke ({reason}); resuming from resourceVersion {resourceVersion ?? "(none)"} in {wait.TotalSeconds:0.###} s");
                await Task.Delay(wait, ct).ConfigureAwait(false);
                continue;
            }

            // A clean close (timeoutSeconds or the server's own limit): resume from the last version; back off
            // only when streams keep closing without delivering anything, so a misbehaving server is not hammered.
            empty = stream.Received == 0 ? empty + 1 : 0;
            options.Log?.Invoke($"WATCH {what}: stream closed; resuming from resourceVersion {resourceVersion ?? "(none)"}");
            if (empty > 1)
            {
                await Task.Delay(Backoff(options, empty - 1), ct).ConfigureAwait(false);
            }
        }
    }

    // The library's peek at the first line throws EndOfStreamException only when the body ended cleanly without
    // one; a connection cut short surfaces as another IOException (the response ended prematurely, a reset).
    private static bool IsEmptyStream(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is EndOfStreamException) return true;
        }

        return false;
    }

    private static TimeSpan Backoff(WatchOptions options, int attempt)
    {
        var exponential = options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return TimeSpan.FromMilliseconds(Math.Min(exponential, 5000) * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    /// <summary>What the library reported through <c>onError</c> while one stream was read.</summary>
    private sealed class StreamState
    {
        public bool Expired { get; set; }

        public Exception? Fatal { get; private set; }

        public Exception? Broken { get; set; }

        public int Received { get; set; }

        public void OnError(Exception error)
        {
            if (error is KubernetesException { Status.Code: 410 })
            {
                Expired = true;
            }
            else
            {
                Fatal ??= error is KubernetesException kubernetes
                    ? new InvalidOperationException($"The watch failed: {ApiErrors.Describe(kubernetes.Status)}", error)
                    : new InvalidDataException($"The watch received an event it could not read: {error.Message}", error);
            }
        }
    }
}
