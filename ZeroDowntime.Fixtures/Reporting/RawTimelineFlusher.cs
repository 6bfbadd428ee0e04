using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// Appends a running scenario's new attempts to <c>&lt;key&gt;.requests.csv</c> and its new events to
/// <c>&lt;key&gt;.events.jsonl</c> every <see cref="Interval"/>, flushed to the OS each time, so a test process killed
/// with SIGKILL leaves raw timelines up to about a second before the kill (the report can be rebuilt from them:
/// <see cref="ReportRebuilder"/>). The files are in the final formats, in recording order; when the scenario ends,
/// <see cref="RawTimelineFiles"/> replaces them with the sorted, complete versions.
/// </summary>
public sealed class RawTimelineFlusher : IAsyncDisposable
{
    /// <summary>How often new records are appended: at most this much evidence is lost to a kill.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly string _requestsPath;
    private readonly string _eventsPath;
    private readonly RawTimelineSources _sources;
    private readonly ReportFileSystem _files;
    private readonly Action<string> _report;
    private readonly int[] _attemptsWritten;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private int _eventsWritten;
    private bool _broken;
    private bool _disposed;
    private Task _loop = Task.CompletedTask;

    private RawTimelineFlusher(string directory, string key, RawTimelineSources sources, ReportFileSystem files, Action<string> report)
    {
        _requestsPath = Path.Combine(directory, key + ".requests.csv");
        _eventsPath = Path.Combine(directory, key + ".events.jsonl");
        _sources = sources;
        _files = files;
        _report = report;
        _attemptsWritten = new int[sources.Attempts.Count];
    }

    /// <summary>Starts flushing into <paramref name="directory"/>; <paramref name="report"/> gets the one sentence if the disk refuses.</summary>
    public static RawTimelineFlusher Start(string directory, string key, RawTimelineSources sources, ReportFileSystem files, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(report);
        var flusher = new RawTimelineFlusher(directory, key, sources, files, report);
        // Files left by an earlier run under the same folder and key would be appended to: start from empty ones.
        try
        {
            files.Delete(flusher._requestsPath);
            files.Delete(flusher._eventsPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            flusher._broken = true; // the scenario still runs and its files are written at its end, if they can be
            report($"Could not start the raw timelines of {key} in {directory} ({ResultsFolder.OsError(e)}); they are written when the scenario ends.\n");
        }

        flusher._loop = flusher.RunAsync();
        return flusher;
    }

    /// <summary>Appends what was recorded since the last flush. After a write failure it does nothing (reported once).</summary>
    public async Task FlushAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_broken)
            {
                return;
            }

            var path = _requestsPath;
            try
            {
                AppendAttempts();
                path = _eventsPath;
                AppendEvents();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _broken = true;
                _report($"Could not append to {path} ({ResultsFolder.OsError(e)}); what was flushed before stays, and the scenario goes on.\n");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the periodic flush after a last one.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await FlushAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }

    private void AppendAttempts()
    {
        var lines = new List<string>();
        for (var i = 0; i < _sources.Attempts.Count; i++)
        {
            var attempts = _sources.Attempts[i]();
            for (var k = _attemptsWritten[i]; k < attempts.Count; k++)
            {
                var a = attempts[k];
                lines.Add(RequestsCsv.Format(a.Detail is null ? a : a with { Detail = ReportText.Clean(a.Detail) }));
            }

            _attemptsWritten[i] = attempts.Count;
        }

        Append(_requestsPath, lines, RequestsCsv.Header);
    }

    private void AppendEvents()
    {
        var events = _sources.Events();
        var lines = new List<string>();
        for (var k = _eventsWritten; k < events.Count; k++)
        {
            var e = events[k];
            lines.Add(EventsJsonl.Format(e.Detail is null ? e : e with { Detail = ReportText.Clean(e.Detail) }));
        }

        _eventsWritten = events.Count;
        Append(_eventsPath, lines, header: null);
    }

    // Whole lines in one write, then a flush to the OS: a SIGKILL after it loses nothing; one during it can leave
    // a cut last line, which the rebuild drops.
    private void Append(string path, List<string> lines, string? header)
    {
        if (lines.Count == 0)
        {
            return;
        }

        using var stream = _files.Append(path);
        var text = (header is not null && stream.Position == 0 ? header + "\n" : "") + string.Concat(lines.Select(l => l + "\n"));
        stream.Write(AtomicFile.Utf8.GetBytes(text));
        stream.Flush();
    }
}
