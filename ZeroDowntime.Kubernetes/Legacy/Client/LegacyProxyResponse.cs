using System.Net;
using System.Text;

namespace ZeroDowntime.Kubernetes.Legacy;

/// <summary>What a pod or service answered through the API server's proxy subresource.</summary>
/// <param name="StatusCode">The status (the target's, or the API server's when it could not reach the target).</param>
/// <param name="Body">The response body.</param>
/// <param name="ContentType">The response Content-Type, if any.</param>
public sealed record LegacyProxyResponse(HttpStatusCode StatusCode, byte[] Body, string? ContentType)
{
    /// <summary>The body decoded as UTF-8.</summary>
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}
