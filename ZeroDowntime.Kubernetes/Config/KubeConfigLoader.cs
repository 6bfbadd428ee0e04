namespace ZeroDowntime.Kubernetes.Config;

/// <summary>
/// Turns kubeconfig files (or an in-cluster service account) into a <see cref="ClusterConnection"/>.
/// <para>Resolution order, the only one in the suite (first match wins):</para>
/// <list type="number">
/// <item>the explicit path passed to <see cref="Load"/> (it must exist);</item>
/// <item>the <c>KUBECONFIG</c> list (':'-separated; missing files skipped; merged with kubectl's
/// rules: the first file that defines a cluster/context/user name wins, the first file's
/// <c>current-context</c> wins); when <c>KUBECONFIG</c> is set, <c>~/.kube/config</c> is not read, as in kubectl;</item>
/// <item><c>~/.kube/config</c>;</item>
/// <item>the in-cluster service account, when <c>KUBERNETES_SERVICE_HOST</c> and <c>KUBERNETES_SERVICE_PORT</c>
/// are set (token, <c>ca.crt</c> and <c>namespace</c> under <see cref="KubeConfigEnvironment.ServiceAccountDirectory"/>).</item>
/// </list>
/// Then the context is chosen (the requested name, else <c>current-context</c>), its cluster and
/// user are resolved, and relative file paths resolve against the directory of the file that
/// defined the entry. Every problem is a <see cref="KubeConfigException"/> with one sentence.
/// </summary>
/// <example>
/// <code>
/// var connection = new KubeConfigLoader().Load(kubeconfigPath: null, context: "prod-eu");
/// Console.WriteLine(connection);            // context 'prod-eu' at https://ABC.gr7.eu-west-1.eks.amazonaws.com/
/// var handler = connection.CreatePrimaryHandler();
/// </code>
/// </example>
public sealed partial class KubeConfigLoader
{
    /// <summary>The context name of an in-cluster connection.</summary>
    public const string InClusterContextName = "in-cluster";

    private readonly KubeConfigEnvironment _environment;

    /// <summary>Resolves against the current process (environment variables, home directory, service-account mount).</summary>
    public KubeConfigLoader()
        : this(KubeConfigEnvironment.FromProcess())
    {
    }

    /// <summary>Resolves against the given environment (tests, or a process that wants to pin <c>KUBECONFIG</c>).</summary>
    public KubeConfigLoader(KubeConfigEnvironment environment)
    {
        _environment = environment;
    }

    /// <summary>
    /// Resolves a connection: <paramref name="kubeconfigPath"/> if given, else the
    /// <c>KUBECONFIG</c> list, else <c>~/.kube/config</c>, else the in-cluster service account;
    /// then <paramref name="context"/> if given, else <c>current-context</c>.
    /// </summary>
    /// <exception cref="KubeConfigException">Nothing found, a malformed file, a missing context/cluster/user, an unusable credential.</exception>
    public ClusterConnection Load(string? kubeconfigPath = null, string? context = null)
    {
        var files = FindKubeConfigFiles(kubeconfigPath, out var searched);
        if (files.Count > 0)
        {
            return Connect(MergedKubeConfig.Read(files), string.IsNullOrEmpty(context) ? null : context);
        }

        if (InClusterAvailable())
        {
            if (!string.IsNullOrEmpty(context) && context != InClusterContextName)
            {
                throw new KubeConfigException(
                    $"Context '{context}' was requested but no kubeconfig was found ({searched}); only the in-cluster service account is available, as context '{InClusterContextName}'.");
            }

            return ConnectInCluster();
        }

        throw new KubeConfigException(
            $"No kubeconfig was found: {searched}, and {KubernetesServiceHost} is not set, so this is not an in-cluster run.");
    }

    /// <summary>The same as <c>new KubeConfigLoader().Load(kubeconfigPath, context)</c>.</summary>
    public static ClusterConnection LoadDefault(string? kubeconfigPath = null, string? context = null) =>
        new KubeConfigLoader().Load(kubeconfigPath, context);

    /// <summary>The files to merge (empty when none exist) and, for messages, where we looked.</summary>
    private IReadOnlyList<string> FindKubeConfigFiles(string? explicitPath, out string searched)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var full = Path.GetFullPath(explicitPath);
            searched = $"the explicit path {full}";
            return File.Exists(full)
                ? [full]
                : throw new KubeConfigException($"The kubeconfig {full} (passed explicitly) does not exist.");
        }

        if (_environment.Get("KUBECONFIG") is { } list)
        {
            var listed = list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Path.GetFullPath)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            searched = $"none of the KUBECONFIG files ({string.Join(", ", listed)}) exist";
            return listed.Where(File.Exists).ToList();
        }

        var home = _environment.HomeDirectory is null ? null : Path.Combine(_environment.HomeDirectory, ".kube", "config");
        searched = home is null
            ? "no path was given, KUBECONFIG is not set and there is no home directory"
            : $"no path was given, KUBECONFIG is not set and {home} does not exist";
        return home is not null && File.Exists(home) ? [home] : [];
    }

    private static string Resolve(string path, string baseDirectory) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
}
