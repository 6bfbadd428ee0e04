using ZeroDowntime.Kubernetes.Config;

namespace ZeroDowntime.Kubernetes.Tests.Config;

/// <summary>A scratch directory plus a <see cref="KubeConfigEnvironment"/> that sees only what a test puts there.</summary>
internal sealed class TestEnvironment : IDisposable
{
    public TestEnvironment()
    {
        Directory = Path.Combine(Path.GetTempPath(), "zd-auth-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        Home = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "home")).FullName;
        ServiceAccount = Path.Combine(Directory, "serviceaccount");
    }

    public string Directory { get; }

    public string Home { get; }

    public string ServiceAccount { get; }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal)
    {
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
    };

    public ManualTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public TimeSpan ExecPluginTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public KubeConfigEnvironment Environment => new()
    {
        Variables = new Dictionary<string, string>(Variables),
        HomeDirectory = Home,
        ServiceAccountDirectory = ServiceAccount,
        Time = Time,
        ExecPluginTimeout = ExecPluginTimeout,
    };

    public KubeConfigLoader Loader => new(Environment);

    /// <summary>Writes <paramref name="content"/> under the scratch directory and returns the full path.</summary>
    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes an executable bash script.</summary>
    public string WriteScript(string relativePath, string body)
    {
        var path = Write(relativePath, "#!/bin/bash\n" + body);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A plugin still holding a file open must not fail the test; the temp dir is reaped later.
        }
    }
}

/// <summary>A clock the test moves by hand, for credential expiry.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
