using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ZeroDowntime.MockVllm;

/// <summary>
/// The addresses a started MockVllm app actually listens on (ports given as 0 are resolved after start).
/// Get it from <c>app.Services</c> once <c>StartAsync</c> has returned.
/// </summary>
public sealed class MockVllmEndpoints
{
    private ListenOptions? serve;
    private ListenOptions? dashboard;
    private ListenOptions? agent;
    private IPEndPoint? connection;

    /// <summary>Serve port: <c>POST /VLLMDeployment</c>, <c>/-/healthz</c>, <c>/-/routes</c>.</summary>
    public Uri ServeUri => ToUri(serve) ?? throw new InvalidOperationException("The serve listener is not configured.");

    /// <summary>Dashboard port (head only): <c>/api/v0/nodes</c>, <c>/api/gcs_healthz</c>; null when off.</summary>
    public Uri? DashboardUri => ToUri(dashboard);

    /// <summary>Dashboard-agent port: <c>/api/local_raylet_healthz</c>; null when off.</summary>
    public Uri? AgentUri => ToUri(agent);

    /// <summary>The connection listener (<c>--connection-port</c>); null when off.</summary>
    public IPEndPoint? ConnectionEndPoint => connection is null ? null
        : connection.Address.Equals(IPAddress.Any) ? new IPEndPoint(IPAddress.Loopback, connection.Port) : connection;

    internal void CaptureConnection(IPEndPoint endPoint) => connection = endPoint;

    internal void Capture(string name, ListenOptions listen)
    {
        switch (name)
        {
            case "serve": serve = listen; break;
            case "dashboard": dashboard = listen; break;
            default: agent = listen; break;
        }
    }

    private static Uri? ToUri(ListenOptions? listen)
    {
        if (listen?.IPEndPoint is not { } endPoint)
        {
            return null;
        }
        // A wildcard bind is reachable on loopback; report that rather than 0.0.0.0.
        var address = endPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : endPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : endPoint.Address;
        return new UriBuilder("http", address.ToString(), endPoint.Port).Uri;
    }
}
