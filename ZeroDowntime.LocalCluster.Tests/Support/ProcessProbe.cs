namespace ZeroDowntime.LocalCluster.Tests.Support;

/// <summary>Looks at processes through /proc.</summary>
internal static class ProcessProbe
{
    /// <summary>True while any process is in group <paramref name="pgid"/> (or the pid itself lives).</summary>
    public static bool GroupAlive(int pgid) => Directory.EnumerateDirectories("/proc").Any(dir =>
    {
        var stat = Read(Path.Combine(dir, "stat"));
        if (stat is null)
        {
            return false;
        }

        // Fields after the ")" of the command name: state ppid pgrp ...
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 2 && fields[2] == pgid.ToString(System.Globalization.CultureInfo.InvariantCulture) && fields[0] != "Z";
    });

    /// <summary>
    /// Reads /proc through <paramref name="read"/> until <paramref name="done"/> holds or <paramref name="timeout"/> passes,
    /// and returns the last reading: there is no event for "a process elsewhere started or exited".
    /// </summary>
    public static async Task<T> PollAsync<T>(Func<T> read, Func<T, bool> done, TimeSpan timeout, TimeSpan period)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        using var tick = new PeriodicTimer(period);
        T value;
        while (!done(value = read()) && deadline.Elapsed < timeout)
        {
            await tick.WaitForNextTickAsync();
        }

        return value;
    }

    /// <summary>
    /// Looks in /proc until no live process is in group <paramref name="pgid"/> or <paramref name="timeout"/> passes (a
    /// SIGKILLed process leaves the table a moment after the signal); true when gone.
    /// </summary>
    public static async Task<bool> GroupGoneAsync(int pgid, TimeSpan timeout) =>
        !await PollAsync(() => GroupAlive(pgid), alive => !alive, timeout, TimeSpan.FromMilliseconds(20));

    /// <summary>Pids whose environment contains <paramref name="entry"/> (e.g. <c>MARKER=abc</c>), zombies excluded.</summary>
    public static IReadOnlyList<int> WithEnvironment(string entry)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                var stat = Read(Path.Combine(dir, "stat"));
                if (environ.Split('\0').Contains(entry) && stat is not null && stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z')
                {
                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours.
            }
        }

        return pids;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
