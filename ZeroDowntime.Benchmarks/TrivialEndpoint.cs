using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ZeroDowntime.Benchmarks;

/// <summary>
/// A minimal Kestrel endpoint on 127.0.0.1 that answers every POST with a <c>generated_text</c> at once:
/// the cheapest target that still passes the probe's response check, so a benchmark measures the client or the proxy.
/// </summary>
public sealed class TrivialEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TrivialEndpoint(WebApplication app, Uri uri)
    {
        _app = app;
        Uri = uri;
    }

    /// <summary>The endpoint's URL (<c>http://127.0.0.1:PORT/VLLMDeployment</c>).</summary>
    public Uri Uri { get; }

    /// <summary>Starts the endpoint on a free loopback port.</summary>
    public static async Task<TrivialEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/VLLMDeployment", () => Microsoft.AspNetCore.Http.Results.Text("""{"generated_text":"Paris"}""", "application/json"));
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TrivialEndpoint(app, new Uri(new Uri(address), "/VLLMDeployment"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
