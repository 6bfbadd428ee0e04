using System.Security.Cryptography.X509Certificates;

namespace ZeroDowntime.Kubernetes.Config;

/// <summary>What one exec plugin run produced: a token and/or a client certificate, and when it expires.</summary>
internal sealed record ExecCredential(string? Token, X509Certificate2? ClientCertificate, DateTimeOffset? ExpiresAt)
{
    public override string ToString() =>
        $"exec credential ({(Token is null ? "no token" : "token not shown")}, {(ClientCertificate is null ? "no client certificate" : "client certificate, key not shown")}, expires {ExpiresAt?.ToString("u") ?? "never"})";
}
