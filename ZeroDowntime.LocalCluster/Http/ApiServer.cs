using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Storage;

namespace ZeroDowntime.LocalCluster.Http;

/// <summary>
/// The Kubernetes-compatible HTTP front end: Kestrel on 127.0.0.1, plain HTTP, any bearer token (unless RBAC is enforced: see <see cref="RequestGuard"/>).
/// Routes discovery, health, and every resource URL (including watch) to the <see cref="ClusterApi"/>.
/// </summary>
public sealed partial class ApiServer : IAsyncDisposable
{
    private readonly ClusterApi _api;
    private readonly SubresourceRegistry _subresources;
    private readonly TimeSpan _bookmarkInterval;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    /// <summary>Creates a server (not yet listening).</summary>
    public ApiServer(ClusterApi api, SubresourceRegistry subresources, TimeSpan bookmarkInterval)
    {
        _api = api;
        _subresources = subresources;
        _bookmarkInterval = bookmarkInterval;
    }

    /// <summary>Authentication and RBAC in front of every route; null (the default) accepts any bearer token.</summary>
    internal RequestGuard? Guard { get; set; }

    /// <summary>Serve HTTPS with this certificate (set with RBAC: kubectl sends tokens only over TLS); null serves plain HTTP.</summary>
    internal System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41235</c>; set once started.</summary>
    public Uri Uri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    /// <exception cref="IOException">The port is in use.</exception>
    public async Task StartAsync(int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port, listen =>
            {
                if (Certificate is { } certificate)
                {
                    listen.UseHttps(certificate);
                }
            });
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AllowSynchronousIO = false);
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        _app = app;
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Uri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
    }

    /// <summary>Stops the server, ending open watches.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(stopping.Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        try
        {
            if (Guard?.Check(http.Request) is { } denied)
            {
                await Responses.WriteErrorAsync(http, denied).ConfigureAwait(false);
                return;
            }

            await RouteAsync(http).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            await Responses.WriteErrorAsync(http, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException)
        {
            await Responses.WriteErrorAsync(http, new ApiException(500, "InternalError", $"Internal error occurred: {e.Message}")).ConfigureAwait(false);
        }
    }

    private Task RouteAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        var isGet = HttpMethods.IsGet(http.Request.Method);
        switch (path.TrimEnd('/'))
        {
            case "/version" when isGet:
                return Responses.WriteJsonAsync(http, 200, Discovery.Version());
            case "/healthz" or "/readyz" or "/livez":
                http.Response.ContentType = "text/plain";
                return http.Response.WriteAsync("ok", http.RequestAborted);
            case "/api" when isGet:
                return Responses.WriteJsonAsync(http, 200, Discovery.CoreVersions($"{Uri.Host}:{Uri.Port}"));
            case "/apis" when isGet:
                return Responses.WriteJsonAsync(http, 200, WithAggregatedGroups(Discovery.GroupList(_api.Resources)));
            case "/openapi/v3" when isGet:
                return Responses.WriteJsonAsync(http, 200, OpenApi.Root(_api.Resources));
            case SelfSubjectAccessReviews.Path when HttpMethods.IsPost(http.Request.Method):
                return SelfSubjectAccessReviews.HandleAsync(http, Guard?.Authorizer);
        }

        if (isGet && path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            return OpenApi.GroupVersion(_api.Resources, path["/openapi/v3/".Length..].TrimEnd('/')) is { } document
                ? Responses.WriteJsonAsync(http, 200, document)
                : throw NotFoundPath();
        }

        var segments = path.Trim('/').Split('/');
        if (TryRouteAggregated(http, segments) is { } aggregated)
        {
            return aggregated;
        }

        if (isGet && segments is ["api", var coreVersion])
        {
            return WriteResourceListAsync(http, "", coreVersion);
        }

        if (isGet && segments is ["apis", var group] && Discovery.HasGroup(_api.Resources, group))
        {
            return Responses.WriteJsonAsync(http, 200, Discovery.Group(_api.Resources, group));
        }

        if (isGet && segments is ["apis", var g, var v])
        {
            return WriteResourceListAsync(http, g, v);
        }

        var target = RequestTarget.Parse(path, _api.Resources);
        if (target is null)
        {
            throw NotFoundPath();
        }

        return Faults is null ? HandleResourceAsync(http, target) : HandleFaultedAsync(http, target);
    }

    private async Task HandleFaultedAsync(HttpContext http, RequestTarget target)
    {
        if (!await InjectFaultAsync(http, target).ConfigureAwait(false))
        {
            await HandleResourceAsync(http, target).ConfigureAwait(false);
        }
    }

    private Task WriteResourceListAsync(HttpContext http, string group, string version) =>
        Discovery.ResourceList(_api.Resources, group, version, _subresources) is { } list
            ? Responses.WriteJsonAsync(http, 200, list)
            : throw NotFoundPath();

    private static ApiException NotFoundPath() => new(404, "NotFound", "the server could not find the requested resource");
}
