namespace ZeroDowntime.Kubernetes.Config;

/// <summary>Why the API server's certificate was rejected.</summary>
public enum TlsFailureReason
{
    /// <summary>The server certificate (or a CA above it) is past its NotAfter.</summary>
    Expired,

    /// <summary>The server certificate (or a CA above it) is before its NotBefore.</summary>
    NotYetValid,

    /// <summary>The certificate does not chain to the configured certificate authority (or a system root).</summary>
    UntrustedRoot,

    /// <summary>The certificate is not valid for the server name (the URL host or <c>tls-server-name</c>).</summary>
    NameMismatch,

    /// <summary>The server presented no certificate.</summary>
    NoCertificate,

    /// <summary>Any other chain problem (bad signature, wrong key usage, ...).</summary>
    Other,
}
