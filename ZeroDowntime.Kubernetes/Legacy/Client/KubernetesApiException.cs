using System.Net;
using ZeroDowntime.Kubernetes.Legacy.Models;

namespace ZeroDowntime.Kubernetes.Legacy;

/// <summary>
/// The API server answered with an error. Carries the server's <see cref="Models.Status"/>; the
/// message reads <c>GET /api/v1/namespaces/default/pods/x failed: 404 NotFound: pods "x" not found</c>.
/// </summary>
public class KubernetesApiException : Exception
{
    /// <summary>Creates the exception for <paramref name="method"/> on <paramref name="path"/>.</summary>
    public KubernetesApiException(string method, string path, Status status)
        : base($"{method} {path} failed: {Describe(status)}")
    {
        Method = method;
        Path = path;
        Status = status;
    }

    /// <summary>The HTTP method of the failed call.</summary>
    public string Method { get; }

    /// <summary>The request path (without the query string).</summary>
    public string Path { get; }

    /// <summary>The server's Status (synthesised from the HTTP status when the body was not a Status).</summary>
    public Status Status { get; }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode StatusCode => (HttpStatusCode)Status.Code;

    /// <summary>The Status reason, e.g. <c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>, <c>Expired</c>.</summary>
    public string? Reason => Status.Reason;

    /// <summary>True for 404.</summary>
    public bool IsNotFound => Status.Code == 404;

    /// <summary>True for 409 with reason AlreadyExists.</summary>
    public bool IsAlreadyExists => Status.Code == 409 && Status.Reason == "AlreadyExists";

    /// <summary>True for 409 with reason Conflict (a stale resourceVersion).</summary>
    public bool IsConflict => Status.Code == 409 && Status.Reason != "AlreadyExists";

    /// <summary>True for 410 (the resourceVersion or continue token is too old).</summary>
    public bool IsExpired => Status.Code == 410;

    private static string Describe(Status status)
    {
        var reason = status.Reason is { Length: > 0 } r ? r : ((HttpStatusCode)status.Code).ToString();
        return string.IsNullOrEmpty(status.Message) ? $"{status.Code} {reason}" : $"{status.Code} {reason}: {status.Message}";
    }
}
