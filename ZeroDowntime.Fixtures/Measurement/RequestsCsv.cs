using System.Globalization;
using System.Text;

namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// Writes and reads <c>*.requests.csv</c>: one attempt per line, invariant culture, UTC ISO-8601
/// starts (and, last, the moment seen) with seven fractional digits and latencies in milliseconds with four decimals, so that a
/// file read back gives exactly the records that were written. One line per attempt, always: a
/// detail's line breaks are written as spaces.
/// </summary>
/// <example>
/// <code>
/// await RequestsCsv.WriteAsync(Path.Combine(dir, "node-drain.requests.csv"), probe.Attempts);
/// var again = await RequestsCsv.ReadAsync(path); // Downtime.Windows(again) == Downtime.Windows(probe.Attempts)
/// </code>
/// </example>
public static class RequestsCsv
{
    /// <summary>
    /// The header line. <c>seen</c> (start + latency: the moment the outcome was seen) was added
    /// last, so the first eight columns keep their places and meaning.
    /// </summary>
    public const string Header = LegacyHeader + ",seen";

    /// <summary>The header of files written before the <c>seen</c> column; still read.</summary>
    public const string LegacyHeader = "source,sequence,start,latency_ms,outcome,http_status,error_kind,detail";

    private const string StartFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Writes the attempts (in the given order) to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, IEnumerable<AttemptRecord> attempts, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await WriteAsync(writer, attempts, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the header and the attempts to <paramref name="writer"/>.</summary>
    public static async Task WriteAsync(TextWriter writer, IEnumerable<AttemptRecord> attempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(attempts);
        await writer.WriteLineAsync(Header).ConfigureAwait(false);
        foreach (var attempt in attempts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(Format(attempt)).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every attempt from <paramref name="path"/>.</summary>
    public static async Task<IReadOnlyList<AttemptRecord>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return await ReadAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every attempt from <paramref name="reader"/>; throws <see cref="FormatException"/> naming the line on bad input.</summary>
    public static async Task<IReadOnlyList<AttemptRecord>> ReadAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (header is not (Header or LegacyHeader))
        {
            throw new FormatException($"Not a requests.csv file: the first line must be '{Header}' (or, from older runs, '{LegacyHeader}').");
        }

        var fieldCount = header == Header ? 9 : 8;

        var records = new List<AttemptRecord>();
        var lineNumber = 1;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (line.Length > 0)
            {
                records.Add(Parse(line, lineNumber, fieldCount));
            }
        }

        return records;
    }

    /// <summary>Formats one attempt as a CSV line (no newline).</summary>
    public static string Format(AttemptRecord attempt)
    {
        var inv = CultureInfo.InvariantCulture;
        var latencyMs = attempt.Latency.Ticks / (decimal)TimeSpan.TicksPerMillisecond;
        return string.Join(',',
            Quote(attempt.Source),
            attempt.Sequence.ToString(inv),
            attempt.Start.UtcDateTime.ToString(StartFormat, inv),
            latencyMs.ToString("0.0###", inv),
            attempt.Outcome == AttemptOutcome.Success ? "success" : "failure",
            attempt.HttpStatus?.ToString(inv) ?? string.Empty,
            attempt.ErrorKind.ToString(),
            attempt.Detail is null ? string.Empty : Quote(SingleLine(attempt.Detail)),
            attempt.Seen.UtcDateTime.ToString(StartFormat, inv));
    }

    // The seen column is derived (start + latency), so reading ignores it: the record keeps both times.
    private static AttemptRecord Parse(string line, int lineNumber, int fieldCount)
    {
        var fields = SplitCsv(line);
        if (fields.Count != fieldCount)
        {
            throw new FormatException($"requests.csv line {lineNumber}: expected {fieldCount} fields, found {fields.Count}.");
        }

        try
        {
            var inv = CultureInfo.InvariantCulture;
            var start = DateTime.ParseExact(fields[2], StartFormat, inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var latencyTicks = decimal.Parse(fields[3], NumberStyles.Float, inv) * TimeSpan.TicksPerMillisecond;
            var outcome = fields[4] switch
            {
                "success" => AttemptOutcome.Success,
                "failure" => AttemptOutcome.Failure,
                _ => throw new FormatException($"unknown outcome '{fields[4]}'"),
            };
            return new AttemptRecord(
                fields[0],
                long.Parse(fields[1], inv),
                new DateTimeOffset(start, TimeSpan.Zero),
                TimeSpan.FromTicks((long)latencyTicks),
                outcome,
                fields[5].Length == 0 ? null : int.Parse(fields[5], inv),
                Enum.Parse<AttemptErrorKind>(fields[6]),
                fields[7].Length == 0 ? null : fields[7]);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw new FormatException($"requests.csv line {lineNumber}: {ex.Message}", ex);
        }
    }

    private static string SingleLine(string value) =>
        value.AsSpan().IndexOfAny('\r', '\n') < 0 ? value : value.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>(8);
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
