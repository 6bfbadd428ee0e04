using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace ZeroDowntime.Kubernetes.Config;

/// <summary>
/// The primary handler behind <see cref="ClusterConnection.CreatePrimaryHandler"/>: a
/// <see cref="SocketsHttpHandler"/> configured with the kubeconfig's server trust and client
/// certificate. It turns a rejected server certificate into a <see cref="TlsValidationException"/>
/// that says why, and starts a fresh connection pool when an exec plugin hands out a new client
/// certificate (pooled connections keep the certificate they were opened with).
/// </summary>
internal sealed class ClusterHttpsHandler : HttpMessageHandler
{
    // A dead or firewalled API server should fail in seconds, not after the OS's TCP timeout.
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private readonly ServerCertificateValidator? _validator;
    private readonly string? _serverName;
    private readonly IClientCertificateSource? _certificates;
    private readonly Lock _gate = new();
    private readonly List<SocketsHttpHandler> _retired = [];
    private Pool? _current;
    private bool _disposed;

    /// <param name="validator">Server certificate checks; null means insecure-skip-tls-verify.</param>
    /// <param name="serverName">tls-server-name, sent as SNI (via the Host header); null for the URL host.</param>
    /// <param name="certificates">The client certificate source, or null.</param>
    public ClusterHttpsHandler(ServerCertificateValidator? validator, string? serverName, IClientCertificateSource? certificates)
    {
        _validator = validator;
        _serverName = serverName;
        _certificates = certificates;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // SocketsHttpHandler takes SNI from the Host header (SslOptions.TargetHost is overwritten per request).
        if (_serverName is not null && request.Headers.Host is null && request.RequestUri is { } uri)
        {
            request.Headers.Host = uri.IsDefaultPort ? _serverName : $"{_serverName}:{uri.Port}";
        }

        var certificate = _certificates is null ? null : await _certificates.GetClientCertificateAsync(cancellationToken).ConfigureAwait(false);
        var invoker = InvokerFor(certificate);
        try
        {
            return await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (IsHandshakeFailure(ex) && _validator?.LastFailure is { } failure)
        {
            throw new TlsValidationException(failure, ex);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                _disposed = true;
                _current?.Handler.Dispose();
                _retired.ForEach(handler => handler.Dispose());
                _retired.Clear();
            }
        }

        base.Dispose(disposing);
    }

    private HttpMessageInvoker InvokerFor(X509Certificate2? certificate)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_current is { } pool && ReferenceEquals(pool.Certificate, certificate))
            {
                return pool.Invoker;
            }

            // Requests still running on the old pool (watches) keep going; it is disposed with this handler.
            if (_current is { } old)
            {
                _retired.Add(old.Handler);
            }

            var handler = CreateSocketsHandler(certificate);
            _current = new Pool(handler, new HttpMessageInvoker(handler, disposeHandler: false), certificate);
            return _current.Invoker;
        }
    }

    private SocketsHttpHandler CreateSocketsHandler(X509Certificate2? certificate)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = _validator is null ? (_, _, _, _) => true : _validator.Validate,
        };
        if (certificate is not null)
        {
            ssl.ClientCertificates = [certificate];

            // Present the certificate even when the server's acceptable-issuer list does not name its CA, as Go does.
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        return new SocketsHttpHandler { SslOptions = ssl, ConnectTimeout = ConnectTimeout };
    }

    private static bool IsHandshakeFailure(HttpRequestException exception)
    {
        if (exception.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            return true;
        }

        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Pool(SocketsHttpHandler Handler, HttpMessageInvoker Invoker, X509Certificate2? Certificate);
}
