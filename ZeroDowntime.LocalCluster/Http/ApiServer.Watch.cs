using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Http.Tables;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Http;

public sealed partial class ApiServer
{
    /// <summary>
    /// Streams a watch: HTTP 200, chunked, one JSON event per line, flushed as soon as the queue
    /// is drained. Too-old resourceVersions get one ERROR 410 Expired event and the stream ends;
    /// <c>timeoutSeconds</c> ends it cleanly; <c>allowWatchBookmarks</c> adds periodic BOOKMARKs.
    /// </summary>
    private async Task WatchAsync(HttpContext http, RequestTarget target, string? singleName = null)
    {
        var query = http.Request.Query;
        var type = target.Type;
        var fieldSelector = query["fieldSelector"].ToString();
        if (singleName is not null)
        {
            fieldSelector = string.IsNullOrEmpty(fieldSelector) ? $"metadata.name={singleName}" : $"{fieldSelector},metadata.name={singleName}";
        }

        var labels = LabelSelectorMatcher.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(fieldSelector, type);
        var from = ParseResourceVersion(query["resourceVersion"]);
        var bookmarks = IsTrue(query["allowWatchBookmarks"]);
        var table = WantsTable(http.Request);
        var include = TableConverter.ParseInclude(query["includeObject"]);

        http.Response.StatusCode = 200;
        http.Response.ContentType = Responses.Json;
        http.Response.Headers.CacheControl = "no-cache, private";
        StoreWatcher watcher;
        var (faultLifetime, faultExpired) = WatchFaults(query["resourceVersion"]);
        try
        {
            watcher = faultExpired
                ? throw ApiException.Expired($"too old resource version: {from} (injected by zd-local faults)")
                : _api.Store.Watch(type, target.Namespace, labels, fields, from);
        }
        catch (ApiException e) when (e.Code == 410)
        {
            var line = StoreEvent.Encode("ERROR", JsonSerializer.SerializeToUtf8Bytes(e.ToStatus(), JsonDefaults.Options));
            await http.Response.Body.WriteAsync(line, http.RequestAborted).ConfigureAwait(false);
            return;
        }

        using (watcher)
        {
            using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
            if (long.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var timeout) && timeout > 0)
            {
                lifetime.CancelAfter(TimeSpan.FromSeconds(timeout));
            }

            if (faultLifetime is { } closeAfter && (timeout <= 0 || closeAfter < TimeSpan.FromSeconds(timeout)))
            {
                // Fault profile: the stream ends mid-way, as an API server restart or a load balancer idle cut would end it.
                lifetime.CancelAfter(closeAfter);
            }

            // Writes are cancelled only by the client leaving, never by the lifetime: a write cancelled half-way leaves
            // a partial chunk on a keep-alive connection, and the client then reads the next response's status line
            // out of it (seen under the watch-drops profile: HttpConnection.ParseStatusLine failing on the next LIST).
            await http.Response.StartAsync(http.RequestAborted).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            try
            {
                await PumpAsync(http, watcher, target, bookmarks, table ? include : null, lifetime.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // timeoutSeconds elapsed or the client left: end the chunked stream cleanly.
            }
        }
    }

    private async Task PumpAsync(HttpContext http, StoreWatcher watcher, RequestTarget target, bool bookmarks,
        TableConverter.IncludeObject? table, CancellationToken ct)
    {
        var type = target.Type;
        var converter = target.Converter;
        var body = http.Response.Body;
        var write = http.RequestAborted; // see WatchAsync: the lifetime (ct) ends the stream only between writes
        var nextBookmark = DateTime.UtcNow + _bookmarkInterval;
        while (!ct.IsCancellationRequested)
        {
            var wrote = false;
            while (watcher.TryReadRaw(out var e))
            {
                if (watcher.TryTranslate(e, out var frame))
                {
                    var line = table is { } include ? TableLine(type, frame, include, converter)
                        : converter is null ? frame.Line : ConvertLine(frame.Line, converter);
                    await body.WriteAsync(line, write).ConfigureAwait(false);
                    wrote = true;
                }
            }

            if (bookmarks && DateTime.UtcNow >= nextBookmark)
            {
                if (watcher.BookmarkResourceVersion() is { } rv)
                {
                    await body.WriteAsync(BookmarkLine(type, target.ApiVersion, rv), write).ConfigureAwait(false);
                    wrote = true;
                }

                nextBookmark = DateTime.UtcNow + _bookmarkInterval;
            }

            if (wrote)
            {
                await body.FlushAsync(write).ConfigureAwait(false);
            }

            if (bookmarks)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var delay = nextBookmark - DateTime.UtcNow;
                wait.CancelAfter(delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
                try
                {
                    if (!await watcher.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // Time for a bookmark.
                }
            }
            else if (!await watcher.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private byte[] TableLine(ResourceType type, WatchFrame frame, TableConverter.IncludeObject include, IVersionConverter? converter)
    {
        var tableObject = TableConverter.Build(type, [frame.Object], frame.Object.ResourceVersion.ToString(CultureInfo.InvariantCulture),
            null, include, _api.Time.GetUtcNow(), converter);
        return StoreEvent.Encode(frame.Type.ToString().ToUpperInvariant(), JsonSerializer.SerializeToUtf8Bytes(tableObject, JsonDefaults.Options));
    }

    /// <summary>A stored watch line re-encoded with its object in the requested version.</summary>
    private static byte[] ConvertLine(byte[] line, IVersionConverter converter)
    {
        var parsed = JsonNode.Parse(line)!.AsObject();
        var converted = converter.FromStorage(parsed["object"]!.AsObject());
        return StoreEvent.Encode(parsed["type"]!.GetValue<string>(), JsonSerializer.SerializeToUtf8Bytes(converted, JsonDefaults.Options));
    }

    private static byte[] BookmarkLine(ResourceType type, string apiVersion, long rv)
    {
        var bookmark = new JsonObject
        {
            ["kind"] = type.Kind,
            ["apiVersion"] = apiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) },
        };
        return StoreEvent.Encode("BOOKMARK", JsonSerializer.SerializeToUtf8Bytes(bookmark, JsonDefaults.Options));
    }
}
