using k8s;

namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>Builds library clients (<see cref="ClusterConnection.CreateClient"/>) pointed at a fake server, with fast retries so tests stay quick.</summary>
public static class ClientFactory
{
    /// <summary>Fast defaults: 3 retries, 10 ms initial backoff, 50 ms cap, Retry-After capped at 2 s.</summary>
    public static KubeClientOptions FastOptions(TestLog? log = null) => new()
    {
        MaxRetries = 3,
        InitialBackoff = TestTimeouts.Backoff,
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        MaxRetryAfter = TimeSpan.FromSeconds(2),
        RequestTimeout = TestTimeouts.Request,
        Log = log is null ? null : log.Add,
    };

    /// <summary>A connection to <paramref name="server"/>; <paramref name="transport"/> replaces the plain socket handler (e.g. to inject faults below the retry handler).</summary>
    public static ClusterConnection Connection(Uri server, ICredentialProvider? credentials = null, string @namespace = "default", Func<HttpMessageHandler>? transport = null) => new()
    {
        Server = server,
        ContextName = "fake",
        Namespace = @namespace,
        CreatePrimaryHandler = transport ?? (() => new SocketsHttpHandler()),
        Credentials = credentials,
    };

    /// <summary>A library client for <paramref name="server"/>.</summary>
    public static IKubernetes Create(FakeApiServer server, KubeClientOptions? options = null, ICredentialProvider? credentials = null) =>
        Connection(server.Uri, credentials).CreateClient(options ?? FastOptions());
}
