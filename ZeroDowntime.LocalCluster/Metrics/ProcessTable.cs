using System.Globalization;
using System.Runtime.InteropServices;

namespace ZeroDowntime.LocalCluster.Metrics;

/// <summary>
/// One read of <c>/proc/[pid]/stat</c> for every process: parent, cumulative CPU time (user + system,
/// plus the times of children already waited for) and resident memory. A container's usage is the sum
/// over its supervisor and every descendant, as a container's cgroup counts all its processes.
/// </summary>
internal sealed class ProcessTable
{
    private readonly Dictionary<int, Entry> _entries;
    private readonly Dictionary<int, List<int>> _children;

    private ProcessTable(Dictionary<int, Entry> entries)
    {
        _entries = entries;
        _children = [];
        foreach (var (pid, entry) in entries)
        {
            if (!_children.TryGetValue(entry.ParentPid, out var list))
            {
                _children[entry.ParentPid] = list = [];
            }

            list.Add(pid);
        }
    }

    /// <summary>Clock ticks per second of the times in /proc (USER_HZ, almost always 100).</summary>
    public static double TicksPerSecond { get; } = ClockTicks();

    /// <summary>Reads every process; processes that exit during the scan are skipped.</summary>
    public static ProcessTable Read(string procRoot = "/proc")
    {
        var entries = new Dictionary<int, Entry>();
        foreach (var directory in Directory.EnumerateDirectories(procRoot))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && TryReadStat(Path.Combine(directory, "stat")) is { } entry)
            {
                entries[pid] = entry;
            }
        }

        return new ProcessTable(entries);
    }

    /// <summary>Parses one <c>stat</c> line (the command name may hold spaces and parentheses: fields start after the last ')').</summary>
    public static Entry? Parse(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state): ppid = 4, utime..cstime = 14..17, rss = 24 of proc(5).
        if (fields.Length < 22)
        {
            return null;
        }

        long Field(int number) => long.Parse(fields[number - 3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return new Entry((int)Field(4), Field(14) + Field(15) + Field(16) + Field(17), Math.Max(0, Field(24)));
    }

    /// <summary>CPU seconds and resident bytes of <paramref name="root"/> and its descendants; null when <paramref name="root"/> is gone.</summary>
    public (double CpuSeconds, long MemoryBytes)? TreeUsage(int root)
    {
        if (!_entries.ContainsKey(root))
        {
            return null;
        }

        long ticks = 0, pages = 0;
        var pending = new Stack<int>();
        pending.Push(root);
        var seen = new HashSet<int>();
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            if (!seen.Add(pid) || !_entries.TryGetValue(pid, out var entry))
            {
                continue;
            }

            ticks += entry.CpuTicks;
            pages += entry.ResidentPages;
            foreach (var child in _children.GetValueOrDefault(pid) ?? [])
            {
                pending.Push(child);
            }
        }

        return (ticks / TicksPerSecond, pages * Environment.SystemPageSize);
    }

    private static Entry? TryReadStat(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return null; // exited (or not ours to read) between listing and reading
        }
    }

    private static double ClockTicks()
    {
        const int ScClkTck = 2; // _SC_CLK_TCK on Linux
        try
        {
            return OperatingSystem.IsLinux() && sysconf(ScClkTck) is > 0 and var hz ? hz : 100;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100;
        }
    }

    [DllImport("libc")]
#pragma warning disable SYSLIB1054 // A plain long signature needs no source-generated marshalling.
    private static extern long sysconf(int name);
#pragma warning restore SYSLIB1054

    /// <summary>One process: parent pid, cumulative CPU ticks (self and waited-for children), resident pages.</summary>
    public readonly record struct Entry(int ParentPid, long CpuTicks, long ResidentPages);
}
