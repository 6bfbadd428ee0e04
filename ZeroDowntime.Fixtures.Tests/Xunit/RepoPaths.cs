namespace ZeroDowntime.Fixtures.Tests.Xunit;

/// <summary>Files the xUnit tests need from the repository checkout they were built from.</summary>
internal static class RepoPaths
{
    /// <summary>The directory holding ZeroDowntime.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The demo scenario assembly in its own output folder (built through our ProjectReference).</summary>
    public static string DemoAssembly
    {
        get
        {
            // Our output is .../bin/<Configuration>/<tfm>/; the demo's is the same shape in its project.
            var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfmDirectory.Parent!.Name;
            var path = Path.Combine(
                Root, "ZeroDowntime.Fixtures.Xunit.Demo", "bin", configuration, tfmDirectory.Name, "ZeroDowntime.Fixtures.Xunit.Demo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The demo assembly is not built at {path}.", path);
        }
    }

    /// <summary>The JUnit schemas kept next to these tests.</summary>
    public static string Schemas => Path.Combine(Root, "ZeroDowntime.Fixtures.Tests", "Xunit", "Schemas");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZeroDowntime.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No ZeroDowntime.sln above {AppContext.BaseDirectory}.");
    }
}
