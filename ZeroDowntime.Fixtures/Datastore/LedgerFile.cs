using System.Globalization;
using System.Text;

namespace ZeroDowntime.Fixtures.Datastore;

/// <summary>
/// The raw ledger, <c>&lt;scenario key&gt;.ledger.csv</c> next to the other raw timelines: one <c>attempt</c> line per
/// write as soon as it completes (flushed, so a killed run keeps what it wrote), then one <c>read</c> line per entry of
/// the final read. Columns: <c>event,sequence,attempted_at,completed_at,acknowledged_at,address,detail</c>; times are
/// UTC ISO-8601 with seven fractional digits; an empty field was not measured. Thread-safe.
/// </summary>
public sealed class LedgerFile : IDisposable
{
    /// <summary>The header line.</summary>
    public const string Header = "event,sequence,attempted_at,completed_at,acknowledged_at,address,detail";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    /// <summary>Creates (or replaces) the file at <paramref name="path"/> and writes the header.</summary>
    public LedgerFile(string path)
    {
        Path = path;
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        _writer.WriteLine(Header);
        _writer.Flush();
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The file name for scenario <paramref name="key"/> (<c>datastore_failover.ledger.csv</c>).</summary>
    public static string FileName(string key) => key + ".ledger.csv";

    /// <summary>Appends one write and flushes.</summary>
    public void Write(LedgerAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        Append($"attempt,{attempt.Sequence.ToString(CultureInfo.InvariantCulture)},{Time(attempt.AttemptedAt)},{Time(attempt.CompletedAt)}," +
               $"{Time(attempt.AcknowledgedAt)},{Field(attempt.Primary)},{Field(attempt.Detail)}");
    }

    /// <summary>Appends the final read, one line per entry, and flushes.</summary>
    public void Write(LedgerRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var lines = read.Entries.Select(e => $"read,{e.ToString(CultureInfo.InvariantCulture)},,{Time(read.ReadAt)},,{Field(read.Source)},");
        Append(string.Join("\n", lines));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private void Append(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            _writer.WriteLine(text);
            _writer.Flush();
        }
    }

    private static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) ?? "";

    // One line per record: commas and line breaks in a detail become spaces, quotes are dropped.
    private static string Field(string? text) => text is null ? "" : text.Replace(',', ';').Replace('\n', ' ').Replace('\r', ' ').Replace("\"", "", StringComparison.Ordinal);
}
