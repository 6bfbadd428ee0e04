using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Kubernetes.Legacy;

// The proxy subresource: HTTP to a pod or service through the API server.
public sealed partial class KubernetesClient
{
    /// <summary>
    /// Sends a request to a pod through <c>/api/v1/namespaces/NS/pods/NAME:PORT/proxy/PATH</c> and returns whatever
    /// came back, any status. Never retried and never thrown for a non-2xx status: callers measuring
    /// availability must see every failure.
    /// </summary>
    /// <param name="podName">The pod.</param>
    /// <param name="port">Port number or name; null for the pod's default.</param>
    /// <param name="method">Any HTTP method.</param>
    /// <param name="path">Path and query on the target, e.g. <c>/v1/completions</c>.</param>
    /// <param name="body">Request body, or null.</param>
    /// <param name="contentType">Body Content-Type (default application/json).</param>
    /// <param name="namespace">Namespace; null means <see cref="DefaultNamespace"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <example><code>
    /// var r = await client.ProxyToPodAsync("ray-head-0", "8000", HttpMethod.Post, "/v1/completions", Encoding.UTF8.GetBytes(payload));
    /// </code></example>
    public Task<LegacyProxyResponse> ProxyToPodAsync(string podName, string? port, HttpMethod method, string path, byte[]? body = null,
        string? contentType = null, string? @namespace = null, CancellationToken cancellationToken = default) =>
        ProxyAsync(Pod.Resource, podName, port, method, path, body, contentType, @namespace, cancellationToken);

    /// <summary>
    /// Sends a request to a service through <c>/api/v1/namespaces/NS/services/NAME:PORT/proxy/PATH</c>; the API server
    /// picks a ready endpoint. Same contract as <see cref="ProxyToPodAsync"/>.
    /// </summary>
    public Task<LegacyProxyResponse> ProxyToServiceAsync(string serviceName, string? port, HttpMethod method, string path, byte[]? body = null,
        string? contentType = null, string? @namespace = null, CancellationToken cancellationToken = default) =>
        ProxyAsync(Service.Resource, serviceName, port, method, path, body, contentType, @namespace, cancellationToken);

    private async Task<LegacyProxyResponse> ProxyAsync(ResourceInfo resource, string name, string? port, HttpMethod method, string path, byte[]? body,
        string? contentType, string? @namespace, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(method);
        var target = string.IsNullOrEmpty(port) ? name : $"{name}:{port}";
        var (targetPath, query) = SplitQuery(path ?? "");
        var fullPath = $"{resource.CollectionPath(NamespaceOrDefault(@namespace))}/{Uri.EscapeDataString(target).Replace("%3A", ":", StringComparison.Ordinal)}/proxy/{targetPath.TrimStart('/')}";
        var request = new ApiRequest(method, fullPath, query, body, body is null ? null : contentType ?? "application/json", Retryable: false, Accept: "*/*");
        using var response = await SendAsync(request, streaming: false, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new LegacyProxyResponse(response.StatusCode, bytes, response.Content.Headers.ContentType?.ToString());
    }

    private static (string Path, string Query) SplitQuery(string path)
    {
        var q = path.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? (path, "") : (path[..q], path[q..]);
    }
}
