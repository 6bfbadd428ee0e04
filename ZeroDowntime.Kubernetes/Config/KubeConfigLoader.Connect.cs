using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ZeroDowntime.Kubernetes.Config;

// Context selection and the cluster side (server, trust).
public sealed partial class KubeConfigLoader
{
    private ClusterConnection Connect(MergedKubeConfig config, string? requestedContext)
    {
        var contextName = requestedContext ?? config.CurrentContext;
        var available = config.Contexts.Count == 0 ? "it defines no contexts" : $"available contexts: {string.Join(", ", config.Contexts.Keys.Order(StringComparer.Ordinal))}";
        if (contextName is null)
        {
            throw new KubeConfigException($"No context was requested and {config.Description} sets no current-context; {available}.");
        }

        if (!config.Contexts.TryGetValue(contextName, out var context))
        {
            throw new KubeConfigException($"Context '{contextName}' was not found in {config.Description}; {available}.");
        }

        var contextOrigin = $"context '{contextName}' in {context.File}";
        if (string.IsNullOrEmpty(context.Entry.Cluster))
        {
            throw new KubeConfigException($"The {contextOrigin} names no cluster.");
        }

        if (!config.Clusters.TryGetValue(context.Entry.Cluster, out var cluster))
        {
            throw new KubeConfigException($"The {contextOrigin} refers to cluster '{context.Entry.Cluster}', which is not defined in {config.Description}.");
        }

        Sourced<UserEntry>? user = null;
        if (!string.IsNullOrEmpty(context.Entry.User) && !config.Users.TryGetValue(context.Entry.User, out user))
        {
            throw new KubeConfigException($"The {contextOrigin} refers to user '{context.Entry.User}', which is not defined in {config.Description}.");
        }

        var server = ServerUri(cluster);
        var clusterOrigin = $"cluster '{cluster.Name}' in {cluster.File}";
        var trustedRoots = TrustedRoots(cluster, clusterOrigin);
        var credentials = user is null ? default : UserCredentials(user, cluster, server, trustedRoots);
        var validator = cluster.Entry.InsecureSkipTlsVerify
            ? null
            : new ServerCertificateValidator(trustedRoots, ExpectedServerName(cluster.Entry, server), server, clusterOrigin, _environment.Time);
        var serverName = string.IsNullOrEmpty(cluster.Entry.TlsServerName) ? null : cluster.Entry.TlsServerName;

        return new ClusterConnection
        {
            Server = server,
            ContextName = contextName,
            Namespace = string.IsNullOrEmpty(context.Entry.Namespace) ? "default" : context.Entry.Namespace,
            CreatePrimaryHandler = () => new ClusterHttpsHandler(validator, serverName, credentials.Certificates),
            Credentials = credentials.Provider,
        };
    }

    private static Uri ServerUri(Sourced<ClusterEntry> cluster)
    {
        var text = cluster.Entry.Server?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new KubeConfigException($"The cluster '{cluster.Name}' in {cluster.File} has no server.");
        }

        // client-go treats a bare host[:port] as https.
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new KubeConfigException($"The server '{cluster.Entry.Server}' of cluster '{cluster.Name}' in {cluster.File} is not an http(s) URL.");
        }

        // A path prefix (e.g. Rancher's /k8s/clusters/c-1) must survive new Uri(server, "api/v1/..."), so it ends with '/'.
        return uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;
    }

    private static string ExpectedServerName(ClusterEntry cluster, Uri server) =>
        string.IsNullOrEmpty(cluster.TlsServerName) ? server.IdnHost.Trim('[', ']') : cluster.TlsServerName;

    /// <summary>The kubeconfig's CA certificates, or null to trust the system store.</summary>
    private static X509Certificate2Collection? TrustedRoots(Sourced<ClusterEntry> cluster, string clusterOrigin)
    {
        var entry = cluster.Entry;
        var hasCa = !string.IsNullOrEmpty(entry.CertificateAuthorityData) || !string.IsNullOrEmpty(entry.CertificateAuthority);
        if (entry.InsecureSkipTlsVerify)
        {
            return hasCa
                ? throw new KubeConfigException($"The {clusterOrigin} sets both insecure-skip-tls-verify and a certificate-authority, which kubectl rejects too; remove one of them.")
                : null;
        }

        string? pem = null;
        string setting = "certificate-authority-data";
        if (!string.IsNullOrEmpty(entry.CertificateAuthorityData))
        {
            pem = DecodeBase64(entry.CertificateAuthorityData, $"The certificate-authority-data of {clusterOrigin}");
        }
        else if (!string.IsNullOrEmpty(entry.CertificateAuthority))
        {
            var path = Resolve(entry.CertificateAuthority, cluster.Directory);
            setting = $"certificate-authority file {path}";
            pem = ReadFile(path, $"The certificate-authority file {path} of {clusterOrigin}");
        }

        if (pem is null)
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(pem);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new KubeConfigException($"The {setting} of {clusterOrigin} holds an unreadable certificate: {ex.Message.TrimEnd('.')}.");
        }

        return roots.Count > 0 ? roots : throw new KubeConfigException($"The {setting} of {clusterOrigin} holds no PEM certificate.");
    }

    private static string DecodeBase64(string data, string what)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(data.Trim()));
        }
        catch (FormatException)
        {
            throw new KubeConfigException($"{what} is not valid base64.");
        }
    }

    private static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"{what} could not be read: {ex.Message.TrimEnd('.')}.");
        }
    }
}
