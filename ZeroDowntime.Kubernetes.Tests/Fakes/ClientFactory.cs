using ZeroDowntime.Kubernetes.Legacy;
namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>Builds clients pointed at a fake server, with fast retries so tests stay quick.</summary>
public static class ClientFactory
{
    /// <summary>Fast defaults: 3 retries, 10 ms initial backoff.</summary>
    public static KubernetesClientOptions FastOptions(List<string>? log = null) => new()
    {
        MaxRetries = 3,
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        RequestTimeout = TimeSpan.FromSeconds(10),
        Log = log is null ? null : line => { lock (log) log.Add(line); },
    };

    /// <summary>A connection to <paramref name="server"/> with namespace <c>default</c>.</summary>
    public static ClusterConnection Connection(Uri server, ICredentialProvider? credentials = null, string @namespace = "default") => new()
    {
        Server = server,
        ContextName = "fake",
        Namespace = @namespace,
        CreatePrimaryHandler = () => new SocketsHttpHandler(),
        Credentials = credentials,
    };

    /// <summary>A client for <paramref name="server"/>.</summary>
    public static KubernetesClient Create(FakeApiServer server, KubernetesClientOptions? options = null, ICredentialProvider? credentials = null, string @namespace = "default") =>
        new(Connection(server.Uri, credentials, @namespace), options ?? FastOptions());
}
