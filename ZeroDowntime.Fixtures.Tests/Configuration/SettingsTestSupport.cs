using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Fixtures.Tests.Configuration;

/// <summary>Builds environments and settings files for configuration tests; never reads the real environment.</summary>
internal static class SettingsTestSupport
{
    public static readonly DateTimeOffset Now = new(2025, 10, 19, 12, 0, 5, TimeSpan.Zero);

    public static ZeroDowntimeSettings Load(params (string Name, string? Value)[] variables) =>
        ZeroDowntimeSettings.Load(Variables(variables), Now);

    public static Dictionary<string, string?> Variables(params (string Name, string? Value)[] variables)
    {
        // Unrelated variables are always present in a real process and must be ignored.
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/bin",
            ["KUBECONFIG"] = "/home/me/.kube/other",
        };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ZeroDowntime.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ZeroDowntime.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A settings file in its own temporary folder, deleted on dispose.</summary>
internal sealed class TemporarySettingsFile : IDisposable
{
    private readonly string directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zd-settings-" + Guid.NewGuid().ToString("N"));

    public TemporarySettingsFile(string content)
    {
        Directory.CreateDirectory(directory);
        Path = System.IO.Path.Combine(directory, "zd.json");
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
