using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace ZeroDowntime.Fixtures.Tests.Fakes;

// Routing and the HTTP side of list, watch, create, delete, logs and proxy.
internal sealed partial class FakeKubeApiServer
{
    private static readonly HttpClient ProxyClient = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        lock (Requests)
        {
            Requests.Add($"{request.Method} {request.Path}{request.QueryString}");
        }

        var segments = request.Path.Value!.Trim('/').Split('/');
        var rest = segments[0] == "api" ? segments[2..] : segments[3..];
        string? ns = null;
        if (rest.Length >= 3 && rest[0] == "namespaces")
        {
            ns = rest[1];
            rest = rest[2..];
        }

        var plural = rest[0];
        var name = rest.Length > 1 ? rest[1] : null;
        var sub = rest.Length > 2 ? string.Join('/', rest[2..]) : null;
        if (plural == "pods" && sub is not null && sub.StartsWith("proxy", StringComparison.Ordinal))
        {
            await ProxyAsync(context, ns!, name!, sub["proxy".Length..]);
            return;
        }

        if (plural == "pods" && sub == "log")
        {
            await LogAsync(context, ns!, name!);
            return;
        }

        switch (request.Method)
        {
            case "GET" when name is null && request.Query["watch"] == "true":
                await WatchAsync(context, plural, ns);
                return;
            case "GET" when name is null:
                await ListAsync(context, plural, ns);
                return;
            case "GET":
                await WriteObjectOr404Async(context, Get(plural, ns, name), plural, name);
                return;
            case "POST":
                var obj = Parse(await new StreamReader(request.Body).ReadToEndAsync());
                if (Get(plural, ns, obj["metadata"]!["name"]!.GetValue<string>()) is not null)
                {
                    await WriteStatusAsync(context, 409, "AlreadyExists", $"{plural} \"{obj["metadata"]!["name"]}\" already exists");
                    return;
                }

                var created = Put(plural, ns, obj);
                context.Response.StatusCode = 201;
                await WriteJsonAsync(context, created);
                if (plural == "jobs")
                {
                    Jobs?.OnJobCreated(this, ns!, created);
                }

                return;
            case "DELETE":
                var existing = Get(plural, ns, name!);
                if (existing is null || !Remove(plural, ns, name!))
                {
                    await WriteStatusAsync(context, 404, "NotFound", $"{plural} \"{name}\" not found");
                    return;
                }

                if (plural == "jobs")
                {
                    Jobs?.OnJobDeleted(this, ns!, name!);
                }

                await WriteStatusAsync(context, 200, null, null);
                return;
            default:
                await WriteStatusAsync(context, 405, "MethodNotAllowed", $"{request.Method} is not supported by the fake");
                return;
        }
    }

    private async Task ListAsync(HttpContext context, string plural, string? ns)
    {
        var selector = context.Request.Query["labelSelector"].ToString();
        var fields = context.Request.Query["fieldSelector"].ToString();
        JsonArray items;
        string rv;
        lock (_gate)
        {
            items = new JsonArray(All(plural, ns).Where(o => SelectorMatches(selector, o) && FieldsMatch(fields, o)).Select(o => (JsonNode)o).ToArray());
            rv = _rv.ToString(CultureInfo.InvariantCulture);
        }

        await WriteJsonAsync(context, new JsonObject { ["kind"] = "List", ["apiVersion"] = "v1", ["metadata"] = new JsonObject { ["resourceVersion"] = rv }, ["items"] = items });
    }

    private static bool FieldsMatch(string fields, JsonObject obj)
    {
        foreach (var requirement in fields.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = requirement.Split('=', 2);
            JsonNode? node = obj;
            foreach (var step in parts[0].Split('.'))
            {
                node = node?[step];
            }

            if (node?.GetValue<string>() != parts[1])
            {
                return false;
            }
        }

        return true;
    }

    private async Task WatchAsync(HttpContext context, string plural, string? ns)
    {
        var selector = context.Request.Query["labelSelector"].ToString();
        var from = context.Request.Query["resourceVersion"].ToString();
        var watcher = new Watcher(plural, ns, selector, Channel.CreateUnbounded<string>());
        lock (_gate)
        {
            if (from.Length > 0 && from != "0" && long.Parse(from, CultureInfo.InvariantCulture) < _compactedBelow - 1)
            {
                watcher.Events.Writer.TryWrite("""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version","reason":"Expired","code":410}}""");
                watcher.Events.Writer.TryComplete();
            }
            else
            {
                if (from.Length > 0 && from != "0")
                {
                    var since = long.Parse(from, CultureInfo.InvariantCulture);
                    foreach (var (rv, type, p, obj) in _history.Where(h => h.Rv > since && watcher.Matches(h.Plural, h.Object)))
                    {
                        watcher.Events.Writer.TryWrite(WatchLine(type, obj));
                    }
                }
                else
                {
                    foreach (var obj in All(plural, ns).Where(o => SelectorMatches(selector, o)))
                    {
                        watcher.Events.Writer.TryWrite(WatchLine("ADDED", obj));
                    }
                }

                _watchers.Add(watcher);
            }
        }

        context.Response.ContentType = "application/json";
        await context.Response.StartAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await foreach (var line in watcher.Events.Reader.ReadAllAsync(cancel.Token))
            {
                await context.Response.WriteAsync(line + "\n", cancel.Token);
                await context.Response.Body.FlushAsync(cancel.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // client went away or the server stops
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    private async Task LogAsync(HttpContext context, string ns, string pod)
    {
        var log = Jobs?.LogOf(pod);
        if (log is null)
        {
            await WriteStatusAsync(context, 404, "NotFound", $"pods \"{pod}\" not found");
            return;
        }

        var query = context.Request.Query;
        var timestamps = query["timestamps"] == "true";
        DateTimeOffset? since = query["sinceSeconds"].Count > 0 ? DateTimeOffset.UtcNow.AddSeconds(-int.Parse(query["sinceSeconds"]!, CultureInfo.InvariantCulture)) : null;
        var tail = query["tailLines"].Count > 0 ? int.Parse(query["tailLines"]!, CultureInfo.InvariantCulture) : (int?)null;
        context.Response.ContentType = "text/plain";
        await context.Response.StartAsync();
        var broken = log.BreakToken;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token, broken);
        try
        {
            var next = 0;
            if (tail is { } t)
            {
                next = Math.Max(0, log.Count - t);
            }

            while (true)
            {
                var (lines, changed, ended) = log.ReadFrom(next);
                foreach (var (at, text) in lines)
                {
                    next++;
                    if (since is { } s && at < s)
                    {
                        continue;
                    }

                    var line = timestamps ? $"{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff}Z {text}\n" : text + "\n";
                    await context.Response.WriteAsync(line, Encoding.UTF8, cancel.Token);
                }

                await context.Response.Body.FlushAsync(cancel.Token);
                if (query["follow"] != "true" || ended)
                {
                    return;
                }

                await changed.WaitAsync(cancel.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (cancel.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        if (broken.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            context.Abort(); // a broken stream, as a dropped connection looks to the client
        }
    }

    private async Task ProxyAsync(HttpContext context, string ns, string podAndPort, string path)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        lock (ProxyRequests)
        {
            ProxyRequests.Add((context.Request.Method, path, context.Request.ContentType, body));
        }

        var parts = podAndPort.Split(':');
        var target = Jobs?.ProxyTarget(parts[0], parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 80);
        if (target is null)
        {
            await WriteStatusAsync(context, 503, "ServiceUnavailable", $"error trying to reach service: dial tcp {podAndPort}: connect: connection refused");
            return;
        }

        try
        {
            using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(target, path));
            if (body.Length > 0 || context.Request.ContentType is not null)
            {
                forward.Content = new StringContent(body);
                forward.Content.Headers.Remove("Content-Type");
                if (context.Request.ContentType is { } contentType)
                {
                    forward.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                }
            }

            using var answer = await ProxyClient.SendAsync(forward);
            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
            await context.Response.WriteAsync(await answer.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException ex)
        {
            await WriteStatusAsync(context, 503, "ServiceUnavailable", $"error trying to reach service: {ex.Message}");
        }
    }

    private static Task WriteObjectOr404Async(HttpContext context, JsonObject? obj, string plural, string? name) =>
        obj is null ? WriteStatusAsync(context, 404, "NotFound", $"{plural} \"{name}\" not found") : WriteJsonAsync(context, obj);

    private static Task WriteJsonAsync(HttpContext context, JsonNode node)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(node.ToJsonString());
    }

    private static Task WriteStatusAsync(HttpContext context, int code, string? reason, string? message)
    {
        context.Response.StatusCode = code;
        return WriteJsonAsync(context, new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(),
            ["status"] = code < 400 ? "Success" : "Failure", ["message"] = message, ["reason"] = reason, ["code"] = code,
        });
    }
}
