using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Security;

/// <summary>
/// Every authorization decision made for a restricted (non-administrator) user, in order: what the
/// suite's least-privilege proof replays. Optionally appended to a file as JSON lines
/// (<c>up --rbac --access-log FILE</c>), one <see cref="AccessLogEntry"/> per line.
/// </summary>
public sealed class AccessLog
{
    private readonly List<AccessLogEntry> _entries = [];
    private readonly string? _path;

    /// <summary>Creates a log kept in memory and, with <paramref name="path"/>, appended to that file.</summary>
    public AccessLog(string? path = null) => _path = path;

    /// <summary>A copy of the entries so far.</summary>
    public IReadOnlyList<AccessLogEntry> Entries
    {
        get { lock (_entries) { return [.. _entries]; } }
    }

    /// <summary>Records one decision.</summary>
    public void Record(AccessLogEntry entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
            if (_path is not null)
            {
                // Flushed per line so a reader sees every decision made before it looked.
                File.AppendAllText(_path, JsonSerializer.Serialize(entry, AccessLogEntry.JsonOptions) + "\n");
            }
        }
    }

    /// <summary>Reads a file written by <c>up --access-log</c>.</summary>
    public static IReadOnlyList<AccessLogEntry> ReadFile(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<AccessLogEntry>(l, AccessLogEntry.JsonOptions)
                ?? throw new InvalidDataException($"An empty access log line in {path}."))
            .ToList();

    /// <summary>The JSON form of an entry (for tests that print one).</summary>
    public static JsonNode ToJson(AccessLogEntry entry) => JsonSerializer.SerializeToNode(entry, AccessLogEntry.JsonOptions)!;
}
