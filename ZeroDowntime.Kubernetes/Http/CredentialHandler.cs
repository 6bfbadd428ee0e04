using System.Net;

namespace ZeroDowntime.Kubernetes.Http;

/// <summary>
/// Adds the connection's credentials to every attempt, innermost and on a copy of the request, so no other
/// handler sees them and nothing the library keeps (the request in its exceptions) holds them. After a
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
        // Credentials go on a copy, never on the caller's message: the library keeps that message in
        // HttpOperationException.Request (headers included) and HttpOperationResponse.Request. A copy can also be sent again.
        var copy = await RequestCopy.CaptureAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await SendWithCredentialsAsync(request, copy, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized
            || !await _credentials.InvalidateAsync(cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        _log?.Invoke($"{request.Method} {request.RequestUri?.AbsolutePath}: 401 Unauthorized; credentials refreshed, retrying once");
        response.Dispose();
        return await SendWithCredentialsAsync(request, copy, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendWithCredentialsAsync(HttpRequestMessage original, RequestCopy copy, CancellationToken cancellationToken)
    {
        var attempt = copy.Create();
        await _credentials.ApplyAsync(attempt, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(attempt, cancellationToken).ConfigureAwait(false);

        // The transport points the response at the message it sent, which holds the Authorization header.
        response.RequestMessage = original;
        return response;
    }
}
