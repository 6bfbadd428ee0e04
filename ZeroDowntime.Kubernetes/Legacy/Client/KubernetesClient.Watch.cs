using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Kubernetes.Legacy;

// Watch: a resumable stream of changes that re-watches after clean closes and relists after 410 Expired.
public sealed partial class KubernetesClient
{
    /// <summary>
    /// Watches objects until <paramref name="cancellationToken"/> is cancelled or the consumer stops.
    /// Tracks the resourceVersion of every event (bookmarks too), re-watches from it when the server closes
    /// the stream, and after 410 Expired relists and emits the difference (see <see cref="WatchEventOrigin.Relist"/>).
    /// Without <see cref="LegacyWatchOptions.ResourceVersion"/> the server starts with Added for every current object.
    /// </summary>
    /// <example><code>
    /// await foreach (var (type, pod) in client.WatchAsync&lt;Pod&gt;("ray", new LegacyWatchOptions { LabelSelector = "app=ray" }, ct))
    ///     timeline.Record(type, pod);
    /// </code></example>
    public IAsyncEnumerable<LegacyWatchEvent<T>> WatchAsync<T>(string? @namespace = null, LegacyWatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource =>
        WatchCoreAsync<T>(NamespaceOf<T>(@namespace), options ?? new LegacyWatchOptions(), initial: null, cancellationToken);

    /// <summary>
    /// Watches from a list you already hold: starts at the list's resourceVersion and knows its items, so a
    /// relist after 410 reports exactly what changed since. Selectors in <paramref name="options"/> should match the list's.
    /// </summary>
    public IAsyncEnumerable<LegacyWatchEvent<T>> WatchFromListAsync<T>(KubeList<T> list, string? @namespace = null, LegacyWatchOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource
    {
        ArgumentNullException.ThrowIfNull(list);
        var fromList = (options ?? new LegacyWatchOptions()) with { ResourceVersion = list.Metadata.ResourceVersion };
        return WatchCoreAsync(NamespaceOf<T>(@namespace), fromList, list.Items, cancellationToken);
    }

    /// <summary>
    /// Lists (all pages), yields every item as Added with <see cref="WatchEventOrigin.InitialList"/>, then
    /// yields changes as <see cref="WatchFromListAsync{T}"/> does. The usual way to follow a set of objects.
    /// </summary>
    public async IAsyncEnumerable<LegacyWatchEvent<T>> ListAndWatchAsync<T>(string? @namespace = null, LegacyWatchOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject, IResource
    {
        options ??= new LegacyWatchOptions();
        var list = await ListAllAsync<T>(@namespace, new ListOptions { LabelSelector = options.LabelSelector, FieldSelector = options.FieldSelector }, cancellationToken).ConfigureAwait(false);
        foreach (var item in list.Items)
            yield return new LegacyWatchEvent<T>(WatchEventType.Added, item) { Origin = WatchEventOrigin.InitialList };
        await foreach (var change in WatchFromListAsync(list, @namespace, options, cancellationToken).ConfigureAwait(false))
            yield return change;
    }

    private async IAsyncEnumerable<LegacyWatchEvent<T>> WatchCoreAsync<T>(string @namespace, LegacyWatchOptions options, IEnumerable<T>? initial,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject, IResource
    {
        var path = T.Resource.CollectionPath(@namespace);
        var cache = new WatchCache<T>(initial);
        var resourceVersion = options.ResourceVersion;
        var brokenStreams = 0;
        var emptyStreams = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = ApiRequest.Get(path, new QueryString()
                .Add("watch", true)
                .Add("allowWatchBookmarks", true)
                .Add("resourceVersion", resourceVersion)
                .Add("timeoutSeconds", options.TimeoutSeconds)
                .Add("labelSelector", options.LabelSelector)
                .Add("fieldSelector", options.FieldSelector)
                .ToString());
            var expired = false;
            var received = 0;
            Exception? broken = null;
            using (var response = await SendAsync(request, streaming: true, cancellationToken).ConfigureAwait(false))
            {
                if (response.StatusCode == HttpStatusCode.Gone)
                {
                    expired = true;
                }
                else if (!response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                    throw CreateApiException(request with { Method = new HttpMethod("WATCH") }, response.StatusCode, body);
                }
                else
                {
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
                    while (true)
                    {
                        string? line;
                        try
                        {
                            line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception ex) when ((ex is IOException or HttpRequestException or SocketException) && !cancellationToken.IsCancellationRequested)
                        {
                            broken = ex;
                            break;
                        }
                        if (line is null) break;
                        if (line.Length == 0) continue;

                        var (type, element) = ParseWatchLine(line, path);
                        received++;
                        brokenStreams = 0;
                        if (type == "ERROR")
                        {
                            var status = KubeJson.Deserialize<Status>(element);
                            if (status.Code == (int)HttpStatusCode.Gone)
                            {
                                expired = true;
                                break;
                            }
                            throw new KubernetesApiException("WATCH", path, status);
                        }

                        var obj = KubeJson.Deserialize<T>(element);
                        resourceVersion = obj.Metadata.ResourceVersion ?? resourceVersion;
                        switch (type)
                        {
                            case "BOOKMARK":
                                if (options.IncludeBookmarks) yield return new LegacyWatchEvent<T>(WatchEventType.Bookmark, obj);
                                break;
                            case "ADDED" or "MODIFIED" or "DELETED":
                                var eventType = type == "ADDED" ? WatchEventType.Added : type == "MODIFIED" ? WatchEventType.Modified : WatchEventType.Deleted;
                                if (cache.Apply(eventType, obj)) yield return new LegacyWatchEvent<T>(eventType, obj);
                                break;
                            default:
                                Log($"WATCH {path}: ignoring an event of unknown type '{type}'");
                                break;
                        }
                    }
                }
            }

            if (expired)
            {
                Log($"WATCH {path}: resourceVersion {resourceVersion ?? "(none)"} expired (410 Gone); relisting");
                var list = await ListAllAsync<T>(@namespace, new ListOptions { LabelSelector = options.LabelSelector, FieldSelector = options.FieldSelector }, cancellationToken).ConfigureAwait(false);
                foreach (var change in cache.Replace(list.Items)) yield return change;
                resourceVersion = list.Metadata.ResourceVersion;
                emptyStreams = 0;
                continue;
            }

            if (broken is not null)
            {
                brokenStreams++;
                var reason = DescribeConnectionFailure(broken);
                if (brokenStreams > _options.MaxRetries) throw new KubernetesConnectionException(Server, reason, broken);
                var wait = Backoff(brokenStreams);
                Log($"WATCH {path}: stream broke ({reason}); re-watching from resourceVersion {resourceVersion ?? "(none)"} in {wait.TotalSeconds:0.###} s");
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // A clean close (timeoutSeconds or the server's own limit): re-watch from the last version; back off
            // only when streams keep closing without delivering anything, so a misbehaving server is not hammered.
            emptyStreams = received == 0 ? emptyStreams + 1 : 0;
            Log($"WATCH {path}: stream closed; re-watching from resourceVersion {resourceVersion ?? "(none)"}");
            if (emptyStreams > 1) await Task.Delay(Backoff(emptyStreams - 1), cancellationToken).ConfigureAwait(false);
        }
    }

    private static (string Type, JsonElement Object) ParseWatchLine(string line, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var type = root.GetProperty("type").GetString() ?? "";
            return (type, root.GetProperty("object").Clone());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"WATCH {path}: the server sent a line that is not a watch event ({ex.Message}).", ex);
        }
    }
}
