namespace ZeroDowntime.Fixtures.Xunit.Demo;

/// <summary>
/// Records which step bodies really ran, in order: in memory, and as lines in the file named by
/// <c>ZD_DEMO_JOURNAL</c> when the tests run the demo in a child process.
/// </summary>
public static class DemoJournal
{
    /// <summary>Environment variable naming the journal file.</summary>
    public const string FileVariable = "ZD_DEMO_JOURNAL";

    private static readonly Lock Gate = new();
    private static readonly List<string> Lines = [];

    /// <summary>Entries such as <c>Demo 01</c>, in the order the steps ran.</summary>
    public static IReadOnlyList<string> Entries
    {
        get
        {
            lock (Gate)
            {
                return [.. Lines];
            }
        }
    }

    /// <summary>Records the running step.</summary>
    public static void Record()
    {
        var entry = StepInfo.Current?.Prefix ?? "outside a step";
        lock (Gate)
        {
            Lines.Add(entry);
            if (Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } path)
            {
                File.AppendAllText(path, entry + Environment.NewLine);
            }
        }
    }

    /// <summary>Forgets the in-memory entries (in-process tests run the demo more than once).</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            Lines.Clear();
        }
    }
}
