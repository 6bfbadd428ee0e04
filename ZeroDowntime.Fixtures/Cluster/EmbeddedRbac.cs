using k8s;
using k8s.Models;
using ZeroDowntime.Kubernetes;
using ZeroDowntime.LocalCluster;
using ZeroDowntime.LocalCluster.Manifests;

namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>
/// <c>ZD_LOCAL_RBAC=1</c>: the embedded cluster enforces RBAC and the suite runs as the ServiceAccount of
/// <c>manifests/rbac/zerodowntime-rbac.yaml</c>, with a token from the TokenRequest API, exactly as an
/// operator would run it on a real cluster. Only the setup (applying the role, requesting the token)
/// uses the administrator kubeconfig.
/// </summary>
internal static class EmbeddedRbac
{
    /// <summary>The variable: <c>1</c> or <c>true</c> turns enforcement on.</summary>
    public const string Variable = "ZD_LOCAL_RBAC";

    /// <summary>The ServiceAccount the manifest creates.</summary>
    public const string ServiceAccount = "zerodowntime";

    /// <summary>The manifest, relative to the repository root.</summary>
    public static readonly string Manifest = Path.Combine("manifests", "rbac", "zerodowntime-rbac.yaml");

    // Longer than any run; the API server accepts any lifetime of at least ten minutes.
    private const long TokenLifetimeSeconds = 12 * 3600;

    /// <summary>Whether <c>ZD_LOCAL_RBAC</c> asks for enforcement.</summary>
    public static bool Requested =>
        Environment.GetEnvironmentVariable(Variable)?.Trim().ToLowerInvariant() is "1" or "true";

    /// <summary>
    /// Applies the role to <paramref name="targetNamespace"/> as the administrator, requests a token for its
    /// ServiceAccount and writes a kubeconfig that uses it; returns that kubeconfig's path.
    /// </summary>
    public static async Task<string> WriteServiceAccountKubeconfigAsync(LocalClusterHost host, ClusterConnection admin, string targetNamespace, CancellationToken ct)
    {
        var file = Path.Combine(ManifestLocator.Find(Path.GetDirectoryName(Manifest)!), Path.GetFileName(Manifest));
        var yaml = (await File.ReadAllTextAsync(file, ct).ConfigureAwait(false))
            .Replace("TARGET_NAMESPACE", targetNamespace, StringComparison.Ordinal);
        ManifestLoader.Apply(host.Api, ManifestLoader.Parse(yaml, Manifest, host.Api.Resources));

        using var client = admin.CreateClient();
        var answer = await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = TokenLifetimeSeconds, Audiences = [] } },
            ServiceAccount, targetNamespace, cancellationToken: ct).ConfigureAwait(false);
        var path = Path.Combine(Path.GetTempPath(), $"zd-local-sa-{Environment.ProcessId}-{Guid.NewGuid():N}.kubeconfig");
        await host.WriteKubeconfigAsync(path, answer.Status.Token, ct).ConfigureAwait(false);
        return path;
    }
}
