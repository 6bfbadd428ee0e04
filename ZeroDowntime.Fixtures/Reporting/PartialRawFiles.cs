using System.Text;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// Reads a scenario's raw timelines as a killed run left them: a last line cut by the kill (no line end) is
/// dropped, every whole line must parse. Files of finished runs (and of older versions) read the same way.
/// </summary>
internal static class PartialRawFiles
{
    public static async Task<IReadOnlyList<AttemptRecord>> ReadAttemptsAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var text = WholeLines(await File.ReadAllTextAsync(path, Encoding.UTF8, ct).ConfigureAwait(false));
        return text.Length == 0 ? [] : await RequestsCsv.ReadAsync(new StringReader(text), ct).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<ClusterEvent>> ReadEventsAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var text = WholeLines(await File.ReadAllTextAsync(path, Encoding.UTF8, ct).ConfigureAwait(false));
        return await EventsJsonl.ReadAsync(new StringReader(text), ct).ConfigureAwait(false);
    }

    // Everything up to the last line end: the flusher writes whole lines, so only a kill mid-write leaves a tail.
    private static string WholeLines(string text)
    {
        var end = text.LastIndexOf('\n');
        return end < 0 ? "" : text[..(end + 1)];
    }
}
