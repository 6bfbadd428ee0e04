using System.Net;

namespace ZeroDowntime.Kubernetes.Http;

/// <summary>
/// Adds the connection's credentials to every attempt, innermost, so no other handler sees them. After a
/// 401 it asks the provider to drop what it cached (an exec plugin's token, a token file's content) and,
/// when fresh credentials may differ, sends the request once more. The library caches exec tokens until
/// their expiry only: an EKS token revoked or rotated early would otherwise fail every call.
/// </summary>
internal sealed class CredentialHandler : DelegatingHandler
{
    private readonly ICredentialProvider _credentials;
    private readonly Action<string>? _log;

    public CredentialHandler(ICredentialProvider credentials, Action<string>? log)
    {
        _credentials = credentials;
        _log = log;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Copy before sending: a sent message cannot be sent again.
        var copy = await RequestCopy.CaptureAsync(request, cancellationToken).ConfigureAwait(false);
        await _credentials.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized
            || !await _credentials.InvalidateAsync(cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        _log?.Invoke($"{request.Method} {request.RequestUri?.AbsolutePath}: 401 Unauthorized; credentials refreshed, retrying once");
        response.Dispose();
        var retry = copy.Create();
        await _credentials.ApplyAsync(retry, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
    }
}
