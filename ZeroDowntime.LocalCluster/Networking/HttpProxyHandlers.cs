using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Http;
using ZeroDowntime.LocalCluster.Kubelet;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Networking;

/// <summary>
/// The API server's proxy subresources: <c>/api/v1/namespaces/NS/services/[http:]NAME[:PORT]/proxy/PATH</c>
/// (to a Ready endpoint, round robin) and <c>/pods/NAME[:PORT]/proxy/PATH</c> (to the pod IP; the
/// port defaults to the first containerPort). Method, query, body and end-to-end headers are
/// forwarded; the response is streamed back.
/// </summary>
public static class HttpProxyHandlers
{
    private static readonly string[] HopByHop = ["Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Host", "Authorization", "Proxy-Authorization"];
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    private static long _roundRobin;

    /// <summary>Registers <c>services/proxy</c> and <c>pods/proxy</c>.</summary>
    public static void Register(SubresourceRegistry registry)
    {
        registry.Register("", "services", "proxy", ServiceProxyAsync);
        registry.Register("", "pods", "proxy", PodProxyAsync);
    }

    private static async Task ServiceProxyAsync(SubresourceContext ctx)
    {
        var (name, port) = SplitName(ctx.Name);
        var service = ctx.Api.Services.Get(ctx.Namespace, name);
        var servicePort = ServiceEndpointResolver.FindPort(service, port)
            ?? throw new ApiException(503, "ServiceUnavailable", $"no service port \"{port}\" found for service \"{name}\"");
        var backends = ServiceEndpointResolver.Compute(ctx.Api, service).GetValueOrDefault((int)(servicePort.GetInt64("port") ?? 0), []);
        if (backends.Count == 0)
        {
            throw new ApiException(503, "ServiceUnavailable", $"no endpoints available for service \"{name}\"");
        }

        var backend = backends[(int)((ulong)Interlocked.Increment(ref _roundRobin) % (ulong)backends.Count)];
        await ForwardAsync(ctx, backend, "service").ConfigureAwait(false);
    }

    private static async Task PodProxyAsync(SubresourceContext ctx)
    {
        var (name, port) = SplitName(ctx.Name);
        var pod = ctx.Api.Pods.Get(ctx.Namespace, name);
        if (!IPAddress.TryParse(pod.GetString("status", "podIP"), out var ip))
        {
            throw new ApiException(503, "ServiceUnavailable", $"pod \"{name}\" has no IP address yet");
        }

        var containers = (pod.GetNode("spec", "containers") as JsonArray ?? []).OfType<JsonObject>().ToList();
        int? number = port.Length == 0
            ? containers.SelectMany(c => (c["ports"] as JsonArray ?? []).OfType<JsonObject>()).Select(p => (int?)p.GetInt64("containerPort")).FirstOrDefault() ?? 80
            : containers.Select(c => HandlerRunner.ResolvePort(JsonValue.Create(port), c)).FirstOrDefault(p => p is not null);
        if (number is null)
        {
            throw ApiException.BadRequest($"pod \"{name}\" has no port \"{port}\"");
        }

        await ForwardAsync(ctx, new IPEndPoint(ip, number.Value), "pod").ConfigureAwait(false);
    }

    /// <summary>Splits <c>[scheme:]name[:port]</c>.</summary>
    private static (string Name, string Port) SplitName(string value)
    {
        var parts = value.Split(':');
        return parts.Length switch
        {
            1 => (parts[0], ""),
            2 => (parts[0], parts[1]),
            _ => (parts[1], parts[2]),
        };
    }

    private static async Task ForwardAsync(SubresourceContext ctx, IPEndPoint backend, string what)
    {
        var http = ctx.Http;
        var path = "/" + (ctx.Path ?? "");
        var uri = new Uri($"http://{backend}{path}{http.Request.QueryString}");
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), uri);
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(http.Request.Body);
        }

        foreach (var (key, values) in http.Request.Headers)
        {
            if (HopByHop.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(key, (IEnumerable<string?>)values) && request.Content is not null)
            {
                request.Content.Headers.TryAddWithoutValidation(key, (IEnumerable<string?>)values);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException(503, "ServiceUnavailable", $"error trying to reach {what}: dial tcp {backend}: {e.InnerException?.Message ?? e.Message}");
        }

        using (response)
        {
            http.Response.StatusCode = (int)response.StatusCode;
            foreach (var (key, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    http.Response.Headers[key] = values.ToArray();
                }
            }

            await using var body = await response.Content.ReadAsStreamAsync(http.RequestAborted).ConfigureAwait(false);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                await http.Response.Body.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
