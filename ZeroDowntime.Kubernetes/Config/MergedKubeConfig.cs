using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace ZeroDowntime.Kubernetes.Config;

/// <summary>An entry and the kubeconfig file that defined it (relative paths resolve against that file's directory).</summary>
internal sealed record Sourced<T>(string Name, T Entry, string File)
{
    public string Directory => Path.GetDirectoryName(File) ?? ".";
}

/// <summary>
/// One or more kubeconfig files merged with kubectl's rules: for clusters, contexts and users the
/// first file that defines a name wins (the whole entry, not field by field); the first file that
/// sets <c>current-context</c> wins.
/// </summary>
internal sealed partial class MergedKubeConfig
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();

    public required IReadOnlyList<string> Files { get; init; }

    public string? CurrentContext { get; private set; }

    public Dictionary<string, Sourced<ClusterEntry>> Clusters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Sourced<ContextEntry>> Contexts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Sourced<UserEntry>> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>"/home/me/.kube/config", or "the KUBECONFIG files /a, /b" when merged.</summary>
    public string Description => Files.Count == 1 ? Files[0] : $"the KUBECONFIG files {string.Join(", ", Files)}";

    public static MergedKubeConfig Read(IReadOnlyList<string> files)
    {
        var merged = new MergedKubeConfig { Files = files };
        foreach (var file in files)
        {
            merged.Add(Parse(file), file);
        }

        return merged;
    }

    /// <summary>Parses one file; an empty file is an empty config, as in kubectl.</summary>
    public static KubeConfigDocument Parse(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"The kubeconfig {file} could not be read: {ex.Message.TrimEnd('.')}.");
        }

        try
        {
            return Yaml.Deserialize<KubeConfigDocument?>(text) ?? new KubeConfigDocument();
        }
        catch (YamlException ex)
        {
            Exception innermost = ex;
            while (innermost.InnerException is not null)
            {
                innermost = innermost.InnerException;
            }

            var reason = LocationPrefix().Replace(innermost.Message, string.Empty);
            throw new KubeConfigException(
                $"The kubeconfig {file} is not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {Secrets.Redact(reason).TrimEnd('.')}.");
        }
    }

    private void Add(KubeConfigDocument document, string file)
    {
        if (string.IsNullOrEmpty(CurrentContext) && !string.IsNullOrEmpty(document.CurrentContext))
        {
            CurrentContext = document.CurrentContext;
        }

        foreach (var named in document.Clusters ?? [])
        {
            AddFirst(Clusters, named?.Name, named?.Cluster, file, "cluster");
        }

        foreach (var named in document.Contexts ?? [])
        {
            AddFirst(Contexts, named?.Name, named?.Context, file, "context");
        }

        foreach (var named in document.Users ?? [])
        {
            AddFirst(Users, named?.Name, named?.User, file, "user");
        }
    }

    private static void AddFirst<T>(Dictionary<string, Sourced<T>> into, string? name, T? entry, string file, string kind)
        where T : class, new()
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new KubeConfigException($"The kubeconfig {file} has a {kind} entry without a name.");
        }

        into.TryAdd(name, new Sourced<T>(name, entry ?? new T(), file));
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex LocationPrefix();
}
