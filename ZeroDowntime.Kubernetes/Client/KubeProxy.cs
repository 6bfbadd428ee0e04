using System.Net;
using System.Text;
using k8s;

namespace ZeroDowntime.Kubernetes;

/// <summary>
/// Requests through the API server's <c>pods/proxy</c> and <c>services/proxy</c> subresources with any
/// method and body. The library's generated proxy operations send no body (so k6's
/// <c>PATCH /v1/status</c> cannot go through them) and turn an application's 4xx/5xx into exceptions.
/// </summary>
public static class KubeProxy
{
    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> to port <paramref name="port"/> of a pod.</summary>
    /// <returns>The application's status code and body (an error status is a result, not an exception).</returns>
    /// <example><code>
    /// var (code, body) = await kube.ProxyToPodAsync(HttpMethod.Get, "ray", "k6-abc", 6565, "v1/status");
    /// </code></example>
    public static Task<ProxyResponse> ProxyToPodAsync(this IKubernetes kube, HttpMethod method, string @namespace, string pod, int port, string path,
        string? jsonBody = null, CancellationToken ct = default) =>
        SendAsync(kube, method, $"api/v1/namespaces/{@namespace}/pods/{pod}:{port}/proxy/{path.TrimStart('/')}", jsonBody, ct);

    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> to a service's port (a port name or number).</summary>
    public static Task<ProxyResponse> ProxyToServiceAsync(this IKubernetes kube, HttpMethod method, string @namespace, string service, string port, string path,
        string? jsonBody = null, CancellationToken ct = default) =>
        SendAsync(kube, method, $"api/v1/namespaces/{@namespace}/services/{service}:{port}/proxy/{path.TrimStart('/')}", jsonBody, ct);

    private static async Task<ProxyResponse> SendAsync(IKubernetes kube, HttpMethod method, string relative, string? jsonBody, CancellationToken ct)
    {
        if (kube is not k8s.Kubernetes client)
        {
            throw new NotSupportedException($"Proxy requests need the library's k8s.Kubernetes client; got {kube.GetType().Name}.");
        }

        using var request = new HttpRequestMessage(method, new Uri(client.BaseUri, relative));
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        // A client built with library credentials (not ours) adds them here, as its own calls do.
        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, ct).ConfigureAwait(false);
        }

        using var response = await client.HttpClient.SendAsync(request, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return new ProxyResponse(response.StatusCode, body);
    }
}

/// <summary>The application's answer through the API server's proxy.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Body">The body as text.</param>
public sealed record ProxyResponse(HttpStatusCode StatusCode, string Body)
{
    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}
