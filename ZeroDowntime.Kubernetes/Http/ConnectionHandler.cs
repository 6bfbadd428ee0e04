namespace ZeroDowntime.Kubernetes.Http;

/// <summary>
/// The innermost handler of a client built by <see cref="ClusterConnection.CreateClient"/>: sends through
/// the connection's primary handler (kubeconfig trust, client certificates, precise TLS failure
/// reasons) instead of the socket handler the library creates, which is then never used.
/// </summary>
internal sealed class ConnectionHandler : DelegatingHandler
{
    private readonly HttpMessageInvoker _primary;

    public ConnectionHandler(HttpMessageHandler primary)
    {
        _primary = new HttpMessageInvoker(primary, disposeHandler: true);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _primary.SendAsync(request, cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _primary.Send(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _primary.Dispose();
        }

        base.Dispose(disposing);
    }
}
