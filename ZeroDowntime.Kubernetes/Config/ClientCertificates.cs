using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ZeroDowntime.Kubernetes.Config;

/// <summary>Turns a PEM certificate + PEM key (RSA or EC, PKCS#1/SEC1/PKCS#8) into a certificate SslStream can present.</summary>
internal static class ClientCertificates
{
    /// <param name="certificatePem">The client certificate (the first CERTIFICATE block is used).</param>
    /// <param name="keyPem">The private key; never echoed.</param>
    /// <param name="owner">Who configured it, e.g. "user 'admin' in /home/me/.kube/config".</param>
    /// <param name="time">The clock the validity period is checked against.</param>
    public static X509Certificate2 FromPem(string certificatePem, string keyPem, string owner, TimeProvider time)
    {
        if (!certificatePem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            throw new KubeConfigException($"The client certificate of {owner} holds no PEM 'CERTIFICATE' block.");
        }

        if (!keyPem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new KubeConfigException($"The client key of {owner} holds no PEM private key block.");
        }

        X509Certificate2 ephemeral;
        try
        {
            ephemeral = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException ex)
        {
            // The framework's message names the problem (mismatch, unsupported format), never the key bytes.
            throw new KubeConfigException($"The client certificate and key of {owner} could not be combined: {ex.Message.TrimEnd('.')}.");
        }

        using (ephemeral)
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (now > ephemeral.NotAfter.ToUniversalTime())
            {
                throw new KubeConfigException(
                    $"The client certificate '{ephemeral.Subject}' of {owner} expired at {ephemeral.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z; renew it (e.g. re-run the tool that wrote this kubeconfig).");
            }

            // SslStream on Linux cannot present a key that only lives in an ephemeral PEM import; a PKCS#12 round trip fixes that.
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
        }
    }
}
