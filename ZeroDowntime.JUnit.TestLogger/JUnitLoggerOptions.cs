using Microsoft.VisualStudio.TestPlatform.ObjectModel;

namespace ZeroDowntime.JUnit.TestLogger;

/// <summary>
/// Where the JUnit file goes. <c>LogFilePath</c> (absolute, or relative to the working directory) wins over
/// <c>LogFileName</c> (relative to the results directory); both may use <c>{assembly}</c> and <c>{framework}</c>.
/// The default is <c>&lt;results directory&gt;/{assembly}.junit.xml</c>.
/// </summary>
internal sealed record JUnitLoggerOptions(string PathTemplate, string Framework)
{
    public const string LogFilePathKey = "LogFilePath";
    public const string LogFileNameKey = "LogFileName";
    public const string AssemblyToken = "{assembly}";
    public const string FrameworkToken = "{framework}";
    public const string DefaultFileName = AssemblyToken + ".junit.xml";

    /// <summary>True when each test assembly gets its own file.</summary>
    public bool OneFilePerAssembly => PathTemplate.Contains(AssemblyToken, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the logger parameters VSTest passes (keys are case-insensitive on the command line).</summary>
    public static JUnitLoggerOptions FromParameters(IReadOnlyDictionary<string, string?> parameters)
    {
        string? Get(string key) => parameters
            .FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

        var runDirectory = Get(DefaultLoggerParameterNames.TestRunDirectory) ?? Path.Combine(Directory.GetCurrentDirectory(), "TestResults");
        var template = Get(LogFilePathKey) is { Length: > 0 } filePath
            ? Path.GetFullPath(filePath)
            : Path.GetFullPath(Path.Combine(runDirectory, Get(LogFileNameKey) is { Length: > 0 } fileName ? fileName : DefaultFileName));
        return new JUnitLoggerOptions(template, ShortFramework(Get(DefaultLoggerParameterNames.TargetFramework)));
    }

    /// <summary>The file path for one assembly (or for the whole run when <paramref name="assembly"/> is "all").</summary>
    public string PathFor(string assembly)
        => PathTemplate
            .Replace(AssemblyToken, assembly, StringComparison.OrdinalIgnoreCase)
            .Replace(FrameworkToken, Framework, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>.NETCoreApp,Version=v10.0</c> reads <c>net10.0</c>; <c>.NETFramework,Version=v4.8</c> reads <c>net48</c>.</summary>
    internal static string ShortFramework(string? framework)
    {
        if (string.IsNullOrWhiteSpace(framework))
        {
            return "unknown";
        }

        const string versionMarker = ",Version=v";
        var cut = framework.IndexOf(versionMarker, StringComparison.OrdinalIgnoreCase);
        if (cut < 0)
        {
            return framework;
        }

        var family = framework[..cut];
        var version = framework[(cut + versionMarker.Length)..];
        return family switch
        {
            ".NETCoreApp" => "net" + version,
            ".NETFramework" => "net" + version.Replace(".", string.Empty, StringComparison.Ordinal),
            ".NETStandard" => "netstandard" + version,
            _ => family.TrimStart('.') + version,
        };
    }
}
