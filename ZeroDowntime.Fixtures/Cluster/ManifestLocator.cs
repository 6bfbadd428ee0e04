namespace ZeroDowntime.Fixtures.Cluster;

/// <summary>Finds a manifests folder: a copy next to the test assembly, else under the repository root above it.</summary>
public static class ManifestLocator
{
    /// <summary>The sample target's folder name under <c>manifests/</c>.</summary>
    public const string SampleTarget = "sample-target";

    /// <summary>
    /// Resolves <paramref name="relative"/> (e.g. <c>manifests/sample-target</c>): absolute paths as
    /// given, else next to the test assembly, else in the nearest ancestor folder that has it.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Nowhere to be found; the message lists where it looked.</exception>
    public static string Find(string relative)
    {
        if (Path.IsPathRooted(relative))
        {
            return Directory.Exists(relative) ? relative
                : throw new DirectoryNotFoundException($"The manifests folder '{relative}' does not exist.");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"Could not find '{relative}' next to {AppContext.BaseDirectory} or in any folder above it; run from the repository or copy the manifests into the test output.");
    }
}
