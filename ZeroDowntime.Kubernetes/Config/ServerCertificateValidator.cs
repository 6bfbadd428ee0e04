using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ZeroDowntime.Kubernetes.Config;

/// <summary>
/// Verifies the API server's certificate the way kubectl does: the chain must end at the
/// configured certificate authority (custom root trust, so a private CA works and the system
/// store is not consulted) or, with no CA configured, at a system root; the leaf must be valid
/// now, allowed for server auth, and valid for the URL host or <c>tls-server-name</c> (SANs only,
/// no common-name fallback, as in Go). The last rejection is kept so the handler can explain it.
/// </summary>
internal sealed class ServerCertificateValidator
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly X509Certificate2Collection? _trustedRoots;
    private readonly string _expectedName;
    private readonly Uri _server;
    private readonly string _trustSource;
    private readonly TimeProvider _time;
    private TlsValidationFailure? _lastFailure;

    /// <param name="trustedRoots">The kubeconfig's CA certificates; null to use the system store.</param>
    /// <param name="expectedName">The URL host, or <c>tls-server-name</c> when set.</param>
    /// <param name="server">The server URL, for messages.</param>
    /// <param name="trustSource">Where the trust settings come from, e.g. "cluster 'prod' in /home/me/.kube/config".</param>
    /// <param name="time">The clock the validity period is checked against.</param>
    public ServerCertificateValidator(X509Certificate2Collection? trustedRoots, string expectedName, Uri server, string trustSource, TimeProvider time)
    {
        _trustedRoots = trustedRoots;
        _expectedName = expectedName;
        _server = server;
        _trustSource = trustSource;
        _time = time;
    }

    /// <summary>The most recent rejection; cleared by the next accepted handshake.</summary>
    public TlsValidationFailure? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>The <see cref="RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        var failure = Check(certificate, presentedChain);
        Volatile.Write(ref _lastFailure, failure);
        return failure is null;
    }

    /// <summary>Returns null when the certificate is acceptable, else why not.</summary>
    public TlsValidationFailure? Check(X509Certificate? certificate, X509Chain? presentedChain)
    {
        if (certificate is null)
        {
            return Fail(TlsFailureReason.NoCertificate, "the server presented no certificate");
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _time.GetLocalNow().LocalDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        if (_trustedRoots is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_trustedRoots);
        }

        // Intermediates the server sent are candidates for building the chain, never anchors.
        foreach (var element in presentedChain?.ChainElements.Skip(1) ?? [])
        {
            chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        if (!chain.Build(leaf) && DescribeChainFailure(chain, leaf) is { } chainFailure)
        {
            return chainFailure;
        }

        if (!leaf.MatchesHostname(_expectedName, allowWildcards: true, allowCommonName: false))
        {
            var names = string.Join(", ", SubjectAlternativeNames(leaf).DefaultIfEmpty("no subject alternative names"));
            return Fail(TlsFailureReason.NameMismatch,
                $"the server certificate '{leaf.Subject}' is valid for {names}, not for '{_expectedName}' (set tls-server-name if the API server is reached under another name)");
        }

        return null;
    }

    private TlsValidationFailure? DescribeChainFailure(X509Chain chain, X509Certificate2 leaf)
    {
        var all = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (flags, s) => flags | s.Status);
        const X509ChainStatusFlags untrusted = X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.NotSignatureValid;
        if ((all & untrusted) != 0)
        {
            var anchor = _trustedRoots is null
                ? "a trusted system root (set certificate-authority or certificate-authority-data)"
                : "the configured certificate authority";
            return Fail(TlsFailureReason.UntrustedRoot,
                $"the server certificate '{leaf.Subject}' (issued by '{leaf.Issuer}') is untrusted: it does not chain to {anchor}");
        }

        var now = _time.GetUtcNow();
        for (var i = 0; i < chain.ChainElements.Count; i++)
        {
            var element = chain.ChainElements[i];
            if (!element.ChainElementStatus.Any(s => s.Status.HasFlag(X509ChainStatusFlags.NotTimeValid)))
            {
                continue;
            }

            var cert = element.Certificate;
            var which = i == 0 ? $"the server certificate '{cert.Subject}'" : $"the certificate authority '{cert.Subject}' above the server certificate";
            return now.UtcDateTime > cert.NotAfter.ToUniversalTime()
                ? Fail(TlsFailureReason.Expired, $"{which} expired at {cert.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z")
                : Fail(TlsFailureReason.NotYetValid, $"{which} is not valid before {cert.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z");
        }

        var problems = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        return all == X509ChainStatusFlags.NoError
            ? null
            : Fail(TlsFailureReason.Other, $"the server certificate '{leaf.Subject}' was rejected: {problems}");
    }

    private static IEnumerable<string> SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (extension is null)
        {
            return [];
        }

        return extension.EnumerateDnsNames().Concat(extension.EnumerateIPAddresses().Select(ip => ip.ToString()));
    }

    private TlsValidationFailure Fail(TlsFailureReason reason, string detail) =>
        new(reason, $"TLS verification of {_server.GetLeftPart(UriPartial.Authority)} failed: {detail} ({_trustSource}).");
}
