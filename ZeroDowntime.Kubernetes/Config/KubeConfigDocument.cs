using YamlDotNet.Serialization;

namespace ZeroDowntime.Kubernetes.Config;

// The YAML shape of one kubeconfig file (clientcmd v1). Only the fields the suite uses are
// modelled; unknown keys (preferences, extensions) are ignored. Secrets live in UserEntry, whose
// ToString is overridden so an accidental log line prints no token or key.

internal sealed class KubeConfigDocument
{
    [YamlMember(Alias = "current-context")] public string? CurrentContext { get; set; }
    [YamlMember(Alias = "clusters")] public List<NamedCluster?>? Clusters { get; set; }
    [YamlMember(Alias = "contexts")] public List<NamedContext?>? Contexts { get; set; }
    [YamlMember(Alias = "users")] public List<NamedUser?>? Users { get; set; }
}

internal sealed class NamedCluster
{
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "cluster")] public ClusterEntry? Cluster { get; set; }
}

internal sealed class ClusterEntry
{
    [YamlMember(Alias = "server")] public string? Server { get; set; }
    [YamlMember(Alias = "certificate-authority")] public string? CertificateAuthority { get; set; }
    [YamlMember(Alias = "certificate-authority-data")] public string? CertificateAuthorityData { get; set; }
    [YamlMember(Alias = "insecure-skip-tls-verify")] public bool InsecureSkipTlsVerify { get; set; }
    [YamlMember(Alias = "tls-server-name")] public string? TlsServerName { get; set; }
    [YamlMember(Alias = "proxy-url")] public string? ProxyUrl { get; set; }
}

internal sealed class NamedContext
{
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "context")] public ContextEntry? Context { get; set; }
}

internal sealed class ContextEntry
{
    [YamlMember(Alias = "cluster")] public string? Cluster { get; set; }
    [YamlMember(Alias = "user")] public string? User { get; set; }
    [YamlMember(Alias = "namespace")] public string? Namespace { get; set; }
}

internal sealed class NamedUser
{
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "user")] public UserEntry? User { get; set; }
}

internal sealed class UserEntry
{
    [YamlMember(Alias = "token")] public string? Token { get; set; }
    [YamlMember(Alias = "tokenFile")] public string? TokenFile { get; set; }
    [YamlMember(Alias = "client-certificate")] public string? ClientCertificate { get; set; }
    [YamlMember(Alias = "client-certificate-data")] public string? ClientCertificateData { get; set; }
    [YamlMember(Alias = "client-key")] public string? ClientKey { get; set; }
    [YamlMember(Alias = "client-key-data")] public string? ClientKeyData { get; set; }
    [YamlMember(Alias = "username")] public string? Username { get; set; }
    [YamlMember(Alias = "password")] public string? Password { get; set; }
    [YamlMember(Alias = "auth-provider")] public AuthProviderEntry? AuthProvider { get; set; }
    [YamlMember(Alias = "exec")] public ExecEntry? Exec { get; set; }

    public override string ToString() => "kubeconfig user entry (credentials not shown)";
}

internal sealed class AuthProviderEntry
{
    [YamlMember(Alias = "name")] public string? Name { get; set; }

    public override string ToString() => $"auth-provider '{Name}' (config not shown)";
}

internal sealed class ExecEntry
{
    [YamlMember(Alias = "command")] public string? Command { get; set; }
    [YamlMember(Alias = "args")] public List<string>? Args { get; set; }
    [YamlMember(Alias = "env")] public List<ExecEnvVar>? Env { get; set; }
    [YamlMember(Alias = "apiVersion")] public string? ApiVersion { get; set; }
    [YamlMember(Alias = "installHint")] public string? InstallHint { get; set; }
    [YamlMember(Alias = "provideClusterInfo")] public bool ProvideClusterInfo { get; set; }
    [YamlMember(Alias = "interactiveMode")] public string? InteractiveMode { get; set; }

    // Env values may hold secrets (e.g. AWS_SECRET_ACCESS_KEY), so only names are shown.
    public override string ToString() => $"exec '{Command}' (env not shown)";
}

internal sealed class ExecEnvVar
{
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "value")] public string? Value { get; set; }

    public override string ToString() => $"{Name}=(not shown)";
}
