using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ZeroDowntime.Kubernetes.Config;

// The user side: client certificates, token, tokenFile, exec plugins.
public sealed partial class KubeConfigLoader
{
    private static readonly string[] ExecApiVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];

    private (ICredentialProvider? Provider, IClientCertificateSource? Certificates) UserCredentials(
        Sourced<UserEntry> user, Sourced<ClusterEntry> cluster, Uri server, X509Certificate2Collection? trustedRoots)
    {
        var entry = user.Entry;
        var owner = $"user '{user.Name}' in {user.File}";
        if (entry.AuthProvider is not null)
        {
            throw new KubeConfigException(
                $"The {owner} uses the legacy auth-provider '{entry.AuthProvider.Name}', which is not supported; switch it to an exec plugin (e.g. kubelogin or gke-gcloud-auth-plugin).");
        }

        if (!string.IsNullOrEmpty(entry.Username) || !string.IsNullOrEmpty(entry.Password))
        {
            throw new KubeConfigException($"The {owner} uses username/password (basic auth), which is not supported; use a token, a client certificate or an exec plugin.");
        }

        IClientCertificateSource? certificates = StaticClientCertificate(user, owner);

        // As in client-go, a static token (tokenFile re-read, else token) takes precedence over an exec plugin.
        ICredentialProvider? provider = null;
        if (!string.IsNullOrEmpty(entry.TokenFile))
        {
            provider = new TokenFileCredentialProvider(Resolve(entry.TokenFile, user.Directory), owner, _environment.Time);
        }
        else if (!string.IsNullOrWhiteSpace(entry.Token))
        {
            provider = new BearerTokenCredentialProvider(entry.Token);
        }
        else if (entry.Exec is not null)
        {
            var exec = new ExecCredentialProvider(ExecSettings(entry.Exec, user, owner, cluster, server, trustedRoots), _environment);
            provider = exec;
            certificates ??= exec;
        }

        return (provider, certificates);
    }

    private StaticClientCertificate? StaticClientCertificate(Sourced<UserEntry> user, string owner)
    {
        var entry = user.Entry;
        var certificate = Material(entry.ClientCertificateData, entry.ClientCertificate, "client-certificate", user, owner);
        var key = Material(entry.ClientKeyData, entry.ClientKey, "client-key", user, owner);
        return (certificate, key) switch
        {
            (null, null) => null,
            (not null, null) => throw new KubeConfigException($"The {owner} sets a client-certificate but no client-key."),
            (null, not null) => throw new KubeConfigException($"The {owner} sets a client-key but no client-certificate."),
            _ => new StaticClientCertificate(ClientCertificates.FromPem(certificate, key, owner, _environment.Time)),
        };
    }

    /// <summary>PEM text from <c>{setting}-data</c> (base64) or the <c>{setting}</c> file.</summary>
    private static string? Material(string? data, string? file, string setting, Sourced<UserEntry> user, string owner)
    {
        if (!string.IsNullOrEmpty(data))
        {
            return DecodeBase64(data, $"The {setting}-data of {owner}");
        }

        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        var path = Resolve(file, user.Directory);
        return ReadFile(path, $"The {setting} file {path} of {owner}");
    }

    private ExecPluginSettings ExecSettings(
        ExecEntry exec, Sourced<UserEntry> user, string owner, Sourced<ClusterEntry> cluster, Uri server, X509Certificate2Collection? trustedRoots)
    {
        if (string.IsNullOrWhiteSpace(exec.Command))
        {
            throw new KubeConfigException($"The exec entry of {owner} has no command.");
        }

        if (!ExecApiVersions.Contains(exec.ApiVersion))
        {
            throw new KubeConfigException(
                $"The exec plugin '{exec.Command}' of {owner} has apiVersion '{exec.ApiVersion}'; supported: {string.Join(", ", ExecApiVersions)}.");
        }

        if (string.Equals(exec.InteractiveMode, "Always", StringComparison.Ordinal))
        {
            throw new KubeConfigException(
                $"The exec plugin '{exec.Command}' of {owner} needs an interactive terminal (interactiveMode: Always), which the suite does not have; use a plugin mode that runs without input.");
        }

        return new ExecPluginSettings
        {
            Command = exec.Command,
            ExecutablePath = ResolveExecutable(exec, user, owner),
            Arguments = exec.Args ?? [],
            Environment = (exec.Env ?? []).Where(e => !string.IsNullOrEmpty(e.Name)).Select(e => KeyValuePair.Create(e.Name!, e.Value ?? string.Empty)).ToList(),
            ApiVersion = exec.ApiVersion!,
            Owner = owner,
            ClusterInfo = exec.ProvideClusterInfo ? ClusterInfo(cluster.Entry, server, trustedRoots) : null,
        };
    }

    /// <summary>A command with a '/' resolves against the kubeconfig's directory; a bare name is looked up on PATH.</summary>
    private string ResolveExecutable(ExecEntry exec, Sourced<UserEntry> user, string owner)
    {
        var command = exec.Command!;
        var hint = string.IsNullOrWhiteSpace(exec.InstallHint) ? string.Empty : " Install hint: " + Whitespace().Replace(exec.InstallHint.Trim(), " ");
        if (command.Contains('/'))
        {
            var path = Resolve(command, user.Directory);
            return IsExecutableFile(path)
                ? path
                : throw new KubeConfigException($"The exec plugin '{command}' was not found as an executable file at {path}; it is configured for {owner}.{hint}");
        }

        var searchPath = _environment.Get("PATH") ?? string.Empty;
        foreach (var directory in searchPath.Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(string.IsNullOrEmpty(directory) ? "." : directory, command);
            if (IsExecutableFile(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new KubeConfigException($"The exec plugin '{command}' was not found on PATH; it is configured for {owner}.{hint}");
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    /// <summary>The <c>spec.cluster</c> of KUBERNETES_EXEC_INFO (provideClusterInfo).</summary>
    private static JsonObject ClusterInfo(ClusterEntry cluster, Uri server, X509Certificate2Collection? trustedRoots)
    {
        var info = new JsonObject { ["server"] = server.ToString().TrimEnd('/') };
        if (!string.IsNullOrEmpty(cluster.TlsServerName))
        {
            info["tls-server-name"] = cluster.TlsServerName;
        }

        if (cluster.InsecureSkipTlsVerify)
        {
            info["insecure-skip-tls-verify"] = true;
        }

        if (trustedRoots is not null)
        {
            var pem = string.Concat(trustedRoots.Select(c => c.ExportCertificatePem() + "\n"));
            info["certificate-authority-data"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pem));
        }

        if (!string.IsNullOrEmpty(cluster.ProxyUrl))
        {
            info["proxy-url"] = cluster.ProxyUrl;
        }

        return info;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
