using System.Globalization;
using System.Text;
using System.Text.Json;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// Turns the k6 script's per-attempt console lines, as they come out of <c>pods/log</c>, into
/// <see cref="AttemptRecord"/>s. Accepts k6's logfmt output
/// (<c>time="..." level=info msg="ZD_ATTEMPT ..." source=console</c>), its JSON log format, the raw
/// message, and kubectl's optional <c>--timestamps</c> prefix. Any other line is ignored.
/// </summary>
/// <example>
/// <code>
/// await foreach (var line in client.FollowPodLogAsync(...))
///     if (K6LineParser.TryParse(line, out var attempt)) log.Add(attempt);
/// </code>
/// </example>
public static class K6LineParser
{
    /// <summary>The prefix the script gives every per-attempt message.</summary>
    public const string AttemptPrefix = "ZD_ATTEMPT ";

    /// <summary>Parses one log line; false for lines that are not per-attempt lines.</summary>
    public static bool TryParse(string line, out AttemptRecord attempt)
    {
        attempt = default;
        var message = ExtractMessage(line ?? string.Empty);
        if (message is null || !message.StartsWith(AttemptPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in message[AttemptPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                fields[token[..equals]] = token[(equals + 1)..];
            }
        }

        if (!TryLong(fields, "seq", out var seq) || !TryLong(fields, "start_ms", out var startMs) || !TryLong(fields, "latency_ms", out var latencyMs)
            || !TryLong(fields, "status", out var status) || !TryLong(fields, "error_code", out var errorCode) || !TryLong(fields, "ok", out var ok))
        {
            return false;
        }

        var kind = ErrorKindFor((int)status, (int)errorCode, ok == 1);
        attempt = new AttemptRecord(
            AttemptSources.K6,
            seq,
            DateTimeOffset.FromUnixTimeMilliseconds(startMs),
            TimeSpan.FromMilliseconds(latencyMs),
            kind == AttemptErrorKind.None ? AttemptOutcome.Success : AttemptOutcome.Failure,
            status == 0 ? null : (int)status,
            kind,
            errorCode == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"k6 error_code {errorCode}"));
        return true;
    }

    /// <summary>Every per-attempt record among <paramref name="lines"/>.</summary>
    public static IEnumerable<AttemptRecord> ParseAll(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            if (TryParse(line, out var attempt))
            {
                yield return attempt;
            }
        }
    }

    /// <summary>
    /// Maps k6's status and <c>error_code</c> (https://grafana.com/docs/k6/latest/javascript-api/error-codes/)
    /// to an error kind: 1050 request timeout and 1211 dial timeout are timeouts, 1212 refused,
    /// 1220 reset by peer; a non-200 status is an HTTP status failure, a 200 that failed the check a bad body.
    /// </summary>
    public static AttemptErrorKind ErrorKindFor(int status, int errorCode, bool ok) => (ok, status, errorCode) switch
    {
        (true, _, _) => AttemptErrorKind.None,
        (_, _, 1050 or 1211) => AttemptErrorKind.Timeout,
        (_, _, 1212) => AttemptErrorKind.ConnectionRefused,
        (_, _, 1220) => AttemptErrorKind.ConnectionReset,
        (_, 200, _) => AttemptErrorKind.BadBody,
        (_, > 0, _) => AttemptErrorKind.HttpStatus,
        _ => AttemptErrorKind.Other,
    };

    /// <summary>The console message inside a k6 log line, or null when there is none.</summary>
    internal static string? ExtractMessage(string line)
    {
        line = StripKubectlTimestamp(line.TrimEnd('\r', '\n'));
        if (line.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(line);
                return json.RootElement.TryGetProperty("msg", out var msg) && msg.ValueKind == JsonValueKind.String ? msg.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        var at = line.StartsWith("msg=", StringComparison.Ordinal) ? 0 : line.IndexOf(" msg=", StringComparison.Ordinal) + 1;
        if (at <= 0 && !line.StartsWith("msg=", StringComparison.Ordinal))
        {
            return line; // --log-format=raw: the message alone
        }

        var value = line.AsSpan(at + "msg=".Length);
        if (value.Length > 0 && value[0] == '"')
        {
            return UnquoteGo(value);
        }

        var space = value.IndexOf(' ');
        return (space < 0 ? value : value[..space]).ToString();
    }

    private static string StripKubectlTimestamp(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && char.IsAsciiDigit(line[0])
            && DateTimeOffset.TryParse(line.AsSpan(0, space), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)
            ? line[(space + 1)..]
            : line;
    }

    /// <summary>Reads a Go-quoted string (logrus quotes with %q) starting at its opening quote.</summary>
    private static string? UnquoteGo(ReadOnlySpan<char> quoted)
    {
        var text = new StringBuilder();
        for (var i = 1; i < quoted.Length; i++)
        {
            var c = quoted[i];
            if (c == '"')
            {
                return text.ToString();
            }

            if (c != '\\' || i + 1 >= quoted.Length)
            {
                text.Append(c);
                continue;
            }

            var escaped = quoted[++i];
            switch (escaped)
            {
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case 'r': text.Append('\r'); break;
                case 'u' when i + 4 < quoted.Length && int.TryParse(quoted.Slice(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    text.Append((char)code);
                    i += 4;
                    break;
                default: text.Append(escaped); break;
            }
        }

        return null; // unterminated: a truncated line
    }

    private static bool TryLong(Dictionary<string, string> fields, string name, out long value)
    {
        value = 0;
        return fields.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}
