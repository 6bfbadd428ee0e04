using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ZeroDowntime.Kubernetes.Tests.Config;

/// <summary>
/// A tiny HTTPS API server on 127.0.0.1:0. <c>GET /whoami</c> answers with the client
/// certificate subject and the Authorization header it saw. With a client CA it requires a
/// client certificate issued by that CA, so a handshake without one fails.
/// </summary>
internal sealed class TestApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private string? _lastServerName;

    private TestApiServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The SNI host name of the most recent handshake.</summary>
    public string? LastServerName => Volatile.Read(ref _lastServerName);

    public static async Task<TestApiServer> StartAsync(X509Certificate2 serverCertificate, TestPki? clientCa = null)
    {
        TestApiServer? server = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificateSelector = (_, name) =>
            {
                Volatile.Write(ref server!._lastServerName, name);
                return serverCertificate;
            };
            https.ClientCertificateMode = clientCa is null ? ClientCertificateMode.AllowCertificate : ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, _, _) => clientCa is null || clientCa.Issued(certificate);
        })));
        var app = builder.Build();
        app.MapGet("/whoami", (HttpContext context) => Results.Json(new WhoAmI(
            context.Connection.ClientCertificate?.Subject,
            context.Request.Headers.Authorization.ToString())));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new TestApiServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>What <c>/whoami</c> reports.</summary>
internal sealed record WhoAmI(string? Subject, string Authorization);
