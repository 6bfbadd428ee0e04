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
        // The credentials go on copies, never on the caller's message: the library keeps that message, headers
        // included, in HttpOperationException.Request, where a token would outlive the call.
        var copy = await RequestCopy.CaptureAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await SendWithCredentialsAsync(copy.Create(), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized
            || !await _credentials.InvalidateAsync(cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        _log?.Invoke($"{request.Method} {request.RequestUri?.AbsolutePath}: 401 Unauthorized; credentials refreshed, retrying once");
        response.Dispose();
        return await SendWithCredentialsAsync(copy.Create(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendWithCredentialsAsync(HttpRequestMessage attempt, CancellationToken cancellationToken)
    {
        await _credentials.ApplyAsync(attempt, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(attempt, cancellationToken).ConfigureAwait(false);
    }
}
