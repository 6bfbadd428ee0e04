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

    /// <summary>
    /// Resolves the settings' results folder, creates it (it may exist already) and proves it is
    /// writable by writing and deleting a probe file, so a run that could not keep its evidence
    /// fails before the cluster is started or disrupted.
    /// </summary>
    /// <exception cref="ZeroDowntimeConfigurationException">The folder cannot be created or written: one sentence with the path, the setting and the OS error.</exception>
    public static string Create(ZeroDowntimeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = Resolve(settings.ResultsDirectory);
        EnsureWritable(path);
        return path;
    }

    /// <summary>Creates <paramref name="path"/> and writes and deletes a probe file in it; throws one sentence when it cannot.</summary>
    /// <exception cref="ZeroDowntimeConfigurationException">The folder cannot be created or written.</exception>
    public static void EnsureWritable(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var probe = Path.Combine(path, ".zd-write-test");
        try
        {
            Directory.CreateDirectory(path);
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // .NET reports ENOTDIR as "could not find a part of the path": name the file that is in the way instead.
            var cause = e is DirectoryNotFoundException && FileInTheWay(path) is { } file ? $"{file} is a file, not a folder (ENOTDIR)" : OsError(e);
            throw new ZeroDowntimeConfigurationException([NotWritable(path, cause)]);
        }
    }

    /// <summary>The sentence for a results folder that cannot be written, with the OS's reason.</summary>
    internal static string NotWritable(string path, string cause) =>
        $"The results folder {path} cannot be written ({cause}); set ZD_RESULTS_DIR to a writable folder (nothing was started or disrupted).";

    private static string? FileInTheWay(string path)
    {
        for (var dir = Path.GetDirectoryName(path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir))
            {
                return dir;
            }
        }

        return null;
    }

    /// <summary>The OS's words for an I/O failure, without .NET's repetition of the path.</summary>
    internal static string OsError(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        // On Unix, HResult of an IOException from the OS is the errno; strerror names it better than .NET's text.
        var text = error is IOException { HResult: > 0 and < 4096 } io && Errno(io.HResult) is { } described ? described : error.Message;
        return text.TrimEnd('.');
    }

    private static string? Errno(int errno) => errno switch
    {
        13 => "permission denied (EACCES)",
        17 => "a file of that name exists (EEXIST)",
        20 => "a part of the path is a file, not a folder (ENOTDIR)",
        28 => "no space left on device (ENOSPC)",
        30 => "read-only file system (EROFS)",
        122 => "disk quota exceeded (EDQUOT)",
        _ => null,
    };

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
