using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>
/// A loopback Kestrel server with scripted routes that records every request: a stand-in API server
/// for client tests over real HTTP. Unscripted requests get a 404 Status naming the route. Routes can
/// inject faults (see <see cref="Faults"/>): resets, stalls, bodies cut short.
/// </summary>
/// <example><code>
/// await using var server = await FakeApiServer.StartAsync();
/// server.OnSequence("GET", "/api/v1/namespaces/default/pods/p", Faults.ResetAsync, ctx => ctx.WriteJsonAsync(200, pod));
/// </code></example>
public sealed class FakeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<(string Method, string Path, Func<HttpContext, RecordedRequest, Task> Handler)> _routes = [];
    private TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeApiServer(WebApplication app) => _app = app;

    /// <summary>The server's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Uri { get; private set; } = null!;

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Starts a server on 127.0.0.1 and a free port.</summary>
    public static async Task<FakeApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeApiServer(app);
        app.Run(server.DispatchAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Uri = new Uri(address + "/");
        return server;
    }

    /// <summary>An address on which nothing listens (a server that was started and stopped): connections are refused.</summary>
    public static async Task<Uri> UnusedAddressAsync()
    {
        await using var probe = await StartAsync();
        return probe.Uri;
    }

    /// <summary>Scripts <paramref name="method"/> <paramref name="path"/> (exact path, any query). Later scripts win.</summary>
    public FakeApiServer On(string method, string path, Func<HttpContext, RecordedRequest, Task> handler)
    {
        lock (_routes) _routes.Insert(0, (method, path, handler));
        return this;
    }

    /// <summary>Scripts a route whose n-th request gets the n-th handler; the last handler answers every later request.</summary>
    public FakeApiServer OnSequence(string method, string path, params Func<HttpContext, Task>[] handlers)
    {
        ArgumentOutOfRangeException.ThrowIfZero(handlers.Length);
        var calls = -1;
        return On(method, path, (ctx, _) => handlers[Math.Min(Interlocked.Increment(ref calls), handlers.Length - 1)](ctx));
    }

    /// <summary>Requests received for a path.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => Requests.Where(r => r.Path == path).ToList();

    /// <summary>Completes once <paramref name="count"/> requests match <paramref name="match"/>; throws naming what arrived at the deadline.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(Func<RecordedRequest, bool> match, int count, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (true)
        {
            var signal = Volatile.Read(ref _received).Task;
            var matching = Requests.Where(match).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            try
            {
                await signal.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"expected {count} matching requests within {deadline.TotalSeconds:0.#} s, got {matching.Count}; all requests: " +
                    string.Join(", ", Requests.Select(r => $"{r.Method} {r.Path}{r.QueryString}")));
            }
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            context.Request.Headers.Authorization.FirstOrDefault(),
            context.Request.ContentType,
            body);
        _requests.Enqueue(request);
        Interlocked.Exchange(ref _received, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        Func<HttpContext, RecordedRequest, Task>? handler;
        lock (_routes)
            handler = _routes.FirstOrDefault(r => r.Method == request.Method && r.Path == request.Path).Handler;
        if (handler is null)
        {
            await context.WriteStatusAsync(404, "NotFound", $"fake server: nothing scripted for {request.Method} {request.Path}");
            return;
        }

        await handler(context, request);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(deadline.Token);
        await _app.DisposeAsync();
    }
}
