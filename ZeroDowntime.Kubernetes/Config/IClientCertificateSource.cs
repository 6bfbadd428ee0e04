using System.Security.Cryptography.X509Certificates;

namespace ZeroDowntime.Kubernetes.Config;

/// <summary>Supplies the client certificate for the next connection; it may change over time (exec plugins).</summary>
internal interface IClientCertificateSource
{
    /// <summary>The certificate to present, or null for none. Returning a different instance rotates connections.</summary>
    ValueTask<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken);
}

/// <summary>A client certificate loaded once from the kubeconfig.</summary>
internal sealed class StaticClientCertificate(X509Certificate2 certificate) : IClientCertificateSource
{
    public ValueTask<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => ValueTask.FromResult<X509Certificate2?>(certificate);

    public override string ToString() => $"client certificate '{certificate.Subject}' (key not shown)";
}
