using System.Collections;

namespace ZeroDowntime.Kubernetes.Config;

/// <summary>
/// What kubeconfig resolution reads from the machine: environment variables (<c>KUBECONFIG</c>,
/// <c>KUBERNETES_SERVICE_HOST</c>, <c>PATH</c>, ...), the home directory, the service-account
/// directory and the clock. Exec plugins inherit <see cref="Variables"/> as their environment.
/// Tests replace any of them; production code uses <see cref="FromProcess"/>.
/// </summary>
public sealed class KubeConfigEnvironment
{
    /// <summary>The standard in-cluster service-account mount.</summary>
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>Environment variables as the loader and exec plugins see them.</summary>
    public required IReadOnlyDictionary<string, string> Variables { get; init; }

    /// <summary>The user's home directory (for <c>~/.kube/config</c>); null when there is none.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>Where the in-cluster token, <c>ca.crt</c> and <c>namespace</c> files live.</summary>
    public string ServiceAccountDirectory { get; init; } = DefaultServiceAccountDirectory;

    /// <summary>The clock used for credential expiry (exec plugins, token-file refresh) and certificate validity.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long one exec credential plugin run may take before it is killed.</summary>
    public TimeSpan ExecPluginTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The current process's environment, home directory and the standard service-account mount.</summary>
    public static KubeConfigEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        var home = variables.GetValueOrDefault("HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return new KubeConfigEnvironment { Variables = variables, HomeDirectory = string.IsNullOrEmpty(home) ? null : home };
    }

    internal string? Get(string name) =>
        Variables.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
