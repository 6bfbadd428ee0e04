using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ZeroDowntime.Fixtures.Tests.Cluster;

/// <summary>A loopback HTTP server that answers every request with an empty list or a bare object, and records what it saw.</summary>
internal sealed class RecordingApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordingApiServer(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Method, string Path, string? Authorization)> Requests { get; } = new();

    /// <summary>Every request with its body's media type (null without a body) and body.</summary>
    public ConcurrentQueue<(string Method, string Path, string? MediaType, string Body)> Bodies { get; } = new();

    public Uri Uri { get; private set; } = null!;

    public static async Task<RecordingApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new RecordingApiServer(app);
        app.Run(async context =>
        {
            server.Requests.Enqueue((context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString()));
            var sent = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var mediaType = context.Request.ContentType is { } type ? System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type).MediaType : null;
            server.Bodies.Enqueue((context.Request.Method, context.Request.Path.Value ?? "", mediaType, sent));
            context.Response.ContentType = "application/json";
            var body = context.Request.Method == "GET"
                ? """{"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"7"},"items":[]}"""
                : """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"ray-worker-abc","namespace":"ray"}}""";
            await context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        server.Uri = new Uri(app.Urls.First());
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
