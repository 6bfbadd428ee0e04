using Xunit;

namespace ZeroDowntime.Fixtures.Tests.Load;

/// <summary>A fact that runs only where <c>node</c> is on PATH; elsewhere it is reported skipped, never passed.</summary>
public sealed class RequiresNodeFactAttribute : FactAttribute
{
    public RequiresNodeFactAttribute()
    {
        if (NodePath is null)
        {
            Skip = "needs node on PATH to run the k6 script with stub modules";
        }
    }

    public static string? NodePath { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "node"))
        .FirstOrDefault(File.Exists);
}
