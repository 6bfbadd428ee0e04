namespace ZeroDowntime.Kubernetes;

/// <summary>
/// Everything needed to reach one API server: where it is, which context it came from, how to
/// trust it and how to authenticate. Produced by kubeconfig / in-cluster resolution; consumed by
/// <see cref="CreateClient"/>, which builds the official client over it. It never exposes credentials through <see cref="ToString"/>.
/// </summary>
public sealed class ClusterConnection
{
    /// <summary>The API server's base address, e.g. <c>https://ABC.gr7.eu-west-1.eks.amazonaws.com</c>.</summary>
    public required Uri Server { get; init; }

    /// <summary>The kubeconfig context name (<c>in-cluster</c> for a service account).</summary>
    public required string ContextName { get; init; }

    /// <summary>The default namespace: the context's, else <c>default</c>.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>
    /// Builds the innermost handler: TLS trust (CA data / insecure-skip-tls-verify) and client
    /// certificates. Called once per client; the client owns and disposes the handler.
    /// </summary>
    public required Func<HttpMessageHandler> CreatePrimaryHandler { get; init; }

    /// <summary>Adds credentials to each request; null when the connection is anonymous or uses client certificates only.</summary>
    public ICredentialProvider? Credentials { get; init; }

    /// <summary>
    /// The official client for this connection, with bounded retries, per-attempt credentials (refreshed
    /// after a 401) and this connection's TLS handling; see <see cref="KubeClientOptions"/>.
    /// </summary>
    /// <example><code>
    /// using var kube = connection.CreateClient();
    /// var pods = await kube.CoreV1.ListNamespacedPodAsync(connection.Namespace);
    /// </code></example>
    public k8s.IKubernetes CreateClient(KubeClientOptions? options = null) => KubeClientFactory.Create(this, options);

    /// <inheritdoc />
    public override string ToString() => $"context '{ContextName}' at {Server}";
}

/// <summary>Supplies request credentials (bearer token, token file, exec plugin) and refreshes them after a 401.</summary>
public interface ICredentialProvider
{
    /// <summary>Sets the request's Authorization header (or nothing).</summary>
    ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// Called once after a 401: drop anything cached. Returns true when fresh credentials may
    /// differ (an exec plugin, a re-read token file), so the request is worth retrying once.
    /// </summary>
    ValueTask<bool> InvalidateAsync(CancellationToken cancellationToken);
}
