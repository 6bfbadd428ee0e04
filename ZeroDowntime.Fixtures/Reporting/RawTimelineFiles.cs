using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// A scenario's raw timeline files: <c>&lt;key&gt;.requests.csv</c> (load, probe and additional probe attempts, by start)
/// and <c>&lt;key&gt;.events.jsonl</c> (cluster events plus the disruption markers as
/// <see cref="ClusterEventKind.Marker"/> lines), and for RollingUpgrade <c>&lt;key&gt;.connections.jsonl</c> (one
/// connection record per line). A file is written only when there is something in it.
/// </summary>
public static class RawTimelineFiles
{
    /// <summary>The requests file name, or null when the scenario has no attempts.</summary>
    public static string? RequestsFileName(ScenarioResult result) =>
        result.Timeline.LoadAttempts.Count + result.Timeline.ProbeAttempts.Count + result.Timeline.AdditionalAttempts.Count == 0 ? null : result.Key + ".requests.csv";

    /// <summary>The events file name, or null when the scenario has no events or markers.</summary>
    public static string? EventsFileName(ScenarioResult result) =>
        result.Timeline.Events.Count + result.Timeline.Markers.Count == 0 ? null : result.Key + ".events.jsonl";

    /// <summary>The connection records file name (<c>&lt;key&gt;.connections.jsonl</c>, one record per line), or null without connection records.</summary>
    public static string? ConnectionsFileName(ScenarioResult result) =>
        result.Connections is not { Records.Count: > 0 } ? null : result.Key + ".connections.jsonl";

    /// <summary>Writes the scenario's files into <paramref name="directory"/>; returns the names written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(ScenarioResult result, string directory, CancellationToken cancellationToken = default)
    {
        var written = new List<string>(3);
        await WriteAsync(result, directory, ReportFileSystem.Default, written, cancellationToken).ConfigureAwait(false);
        return written;
    }

    /// <summary>
    /// Writes the scenario's files through <paramref name="files"/>, adding each name to <paramref name="written"/> as soon as
    /// it is complete, so a caller that catches a failure (a full disk) can say which files were written before it.
    /// </summary>
    internal static async Task WriteAsync(ScenarioResult result, string directory, ReportFileSystem files, ICollection<string> written, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (RequestsFileName(result) is { } requests)
        {
            var attempts = result.Timeline.LoadAttempts.Concat(result.Timeline.ProbeAttempts).Concat(result.Timeline.AdditionalAttempts)
                .OrderBy(a => a.Start).ThenBy(a => a.Source, StringComparer.Ordinal).ThenBy(a => a.Sequence)
                .Select(a => a.Detail is null ? a : a with { Detail = ReportText.Clean(a.Detail) });
            await AtomicFile.WriteAsync(files, Path.Combine(directory, requests), w => RequestsCsv.WriteAsync(w, attempts, cancellationToken)).ConfigureAwait(false);
            written.Add(requests);
        }

        if (EventsFileName(result) is { } events)
        {
            var all = result.Timeline.Events
                .Select(e => e.Detail is null ? e : e with { Detail = ReportText.Clean(e.Detail) })
                .Concat(result.Timeline.Markers.Select(m => new ClusterEvent(m.Time, ClusterEventKind.Marker, Detail: ReportText.OneLine(m.Label))))
                .OrderBy(e => e.Time);
            await AtomicFile.WriteAsync(files, Path.Combine(directory, events), w => EventsJsonl.WriteAsync(w, all, cancellationToken)).ConfigureAwait(false);
            written.Add(events);
        }

        if (ConnectionsFileName(result) is { } connections)
        {
            var lines = result.Connections!.Records.OrderBy(r => r.Start).ThenBy(r => r.Slot)
                .Select(r => r.ToLine()[MockVllm.Connections.ConnectionRecord.LinePrefix.Length..]);
            await AtomicFile.WriteAllTextAsync(files, Path.Combine(directory, connections), string.Concat(lines.Select(l => ReportText.OneLine(l) + "\n"))).ConfigureAwait(false);
            written.Add(connections);
        }
    }
}
