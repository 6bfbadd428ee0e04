using k8s;
using ZeroDowntime.Kubernetes.Http;

namespace ZeroDowntime.Kubernetes;

/// <summary>
/// Builds the official client (<see cref="k8s.Kubernetes"/>) over a <see cref="ClusterConnection"/>,
/// with the layers the library lacks, outermost first:
/// <list type="number">
/// <item><see cref="KubeClientOptions.Handlers"/> (the disruption gate);</item>
/// <item><see cref="RetryHandler"/>: per-attempt timeout, bounded retries of idempotent calls;</item>
/// <item><see cref="CredentialHandler"/>: the connection's credentials per attempt, refreshed once after a 401;</item>
/// <item><see cref="ConnectionHandler"/>: the connection's own TLS handler (precise certificate failure reasons,
/// a fresh pool when an exec plugin rotates the client certificate).</item>
/// </list>
/// The library is given no credentials, so nothing outside <see cref="CredentialHandler"/> ever holds the
/// Authorization header.
/// </summary>
internal static class KubeClientFactory
{
    public const string UserAgent = "zerodowntime/1.0 kubernetes-csharp/21";

    public static k8s.Kubernetes Create(ClusterConnection connection, KubeClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new KubeClientOptions();
        options.Validate();

        var handlers = new List<DelegatingHandler>();
        handlers.AddRange(options.Handlers.Select(create => create()));
        handlers.Add(new RetryHandler(connection.Server, options));
        if (connection.Credentials is { } credentials)
        {
            handlers.Add(new CredentialHandler(credentials, options.Log));
        }

        handlers.Add(new ConnectionHandler(connection.CreatePrimaryHandler()));
        var config = new KubernetesClientConfiguration
        {
            Host = connection.Server.AbsoluteUri,
            Namespace = connection.Namespace,
            UserAgent = UserAgent,

            // RetryHandler owns per-attempt deadlines; the library's own would also cut long log follows.
            HttpClientTimeout = Timeout.InfiniteTimeSpan,
        };
        return new k8s.Kubernetes(config, handlers.ToArray());
    }
}
