using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ZeroDowntime.Kubernetes;

/// <summary>
/// Reads the API server's answer out of the official client's <see cref="HttpOperationException"/>,
/// whose own message is "Operation returned an invalid status code 'NotFound', response body ...".
/// </summary>
/// <example><code>
/// try { await kube.CoreV1.DeleteNamespacedPodAsync(name, ns); }
/// catch (HttpOperationException ex) when (ex.IsNotFound()) { }
/// catch (HttpOperationException ex) { throw new InvalidOperationException(ex.Describe(), ex); }
/// </code></example>
public static class ApiErrors
{
    /// <summary>The HTTP status of the failed call.</summary>
    public static HttpStatusCode? StatusCode(this HttpOperationException exception) => exception.Response?.StatusCode;

    /// <summary>True for 404.</summary>
    public static bool IsNotFound(this HttpOperationException exception) => exception.StatusCode() == HttpStatusCode.NotFound;

    /// <summary>True for 409 with reason AlreadyExists.</summary>
    public static bool IsAlreadyExists(this HttpOperationException exception) =>
        exception.StatusCode() == HttpStatusCode.Conflict && exception.Status()?.Reason == "AlreadyExists";

    /// <summary>True for 409 other than AlreadyExists (a stale resourceVersion).</summary>
    public static bool IsConflict(this HttpOperationException exception) =>
        exception.StatusCode() == HttpStatusCode.Conflict && exception.Status()?.Reason != "AlreadyExists";

    /// <summary>True for 403.</summary>
    public static bool IsForbidden(this HttpOperationException exception) => exception.StatusCode() == HttpStatusCode.Forbidden;

    /// <summary>True for 410 (a resourceVersion or continue token too old).</summary>
    public static bool IsGone(this HttpOperationException exception) => exception.StatusCode() == HttpStatusCode.Gone;

    /// <summary>
    /// The server's Status from the response body; when the body is not a Status, one synthesised from the
    /// HTTP status (as client-go does).
    /// </summary>
    public static V1Status? Status(this HttpOperationException exception)
    {
        if (exception.Response is not { } response) return null;
        if (!string.IsNullOrWhiteSpace(response.Content))
        {
            try
            {
                var status = KubernetesJson.Deserialize<V1Status>(response.Content);
                if (status is { Code: not null } || status?.Kind == "Status")
                {
                    status.Code ??= (int)response.StatusCode;
                    return status;
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML page): fall through to the HTTP status.
            }
        }

        return new V1Status
        {
            Code = (int)response.StatusCode,
            Reason = response.StatusCode.ToString(),
            Status = "Failure",
            Message = string.IsNullOrWhiteSpace(response.Content) ? null : Truncate(response.Content.Trim(), 300),
        };
    }

    /// <summary>
    /// One sentence: <c>GET /api/v1/namespaces/ray/pods/x failed: 404 NotFound: pods "x" not found</c>.
    /// Never includes headers (the Authorization header lives on the request object).
    /// </summary>
    public static string Describe(this HttpOperationException exception)
    {
        var request = exception.Request is { } r ? $"{r.Method} {r.RequestUri?.AbsolutePath} failed: " : "";
        return exception.Status() is { } status ? request + Describe(status) : request + exception.Message;
    }

    /// <summary><c>404 NotFound: pods "x" not found</c>.</summary>
    public static string Describe(V1Status status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var code = status.Code ?? 0;
        var reason = status.Reason is { Length: > 0 } given ? given : ((HttpStatusCode)code).ToString();
        return string.IsNullOrEmpty(status.Message) ? $"{code} {reason}" : $"{code} {reason}: {status.Message}";
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "...";
}
