using ZeroDowntime.Fixtures.Configuration;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// Where a run's reports go. An absolute <c>ZD_RESULTS_DIR</c> is used as is. A relative one is
/// anchored at the repository root when the tests run from a checkout (the first directory above
/// <see cref="AppContext.BaseDirectory"/> holding <c>ZeroDowntime.sln</c>), so
/// <c>TestResults/zerodowntime-…</c> lands next to the solution rather than deep in <c>bin/</c>;
/// otherwise (a published test assembly) at the current directory.
/// </summary>
/// <example>
/// <code>
/// string dir = ResultsFolder.Create(settings);   // /src/zerodowntime/TestResults/zerodowntime-20250101-120000
/// </code>
/// </example>
public static class ResultsFolder
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFileName = "ZeroDowntime.sln";

    /// <summary>Resolves <paramref name="configured"/> to an absolute path without creating it.</summary>
    /// <param name="configured">The configured folder (<see cref="ZeroDowntimeSettings.ResultsDirectory"/>).</param>
    /// <param name="baseDirectory">Where to look upwards for the solution; defaults to <see cref="AppContext.BaseDirectory"/>.</param>
    /// <param name="currentDirectory">The fallback anchor; defaults to <see cref="Environment.CurrentDirectory"/>.</param>
    public static string Resolve(string configured, string? baseDirectory = null, string? currentDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configured);
        if (Path.IsPathRooted(configured))
        {
            return Path.GetFullPath(configured);
        }

        var anchor = FindRepositoryRoot(baseDirectory ?? AppContext.BaseDirectory) ?? currentDirectory ?? Environment.CurrentDirectory;
        return Path.GetFullPath(Path.Combine(anchor, configured));
    }

    /// <summary>Resolves the settings' results folder and creates it (it may exist already).</summary>
    public static string Create(ZeroDowntimeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = Resolve(settings.ResultsDirectory);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The nearest directory at or above <paramref name="start"/> containing <see cref="SolutionFileName"/>; null when none.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
