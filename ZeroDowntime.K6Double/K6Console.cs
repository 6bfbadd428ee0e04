using System.Globalization;
using System.Text;

namespace ZeroDowntime.K6Double;

/// <summary>
/// Writes what k6 writes: console.log lines through its logrus text formatter on stderr
/// (<c>time="..." level=info msg="..." source=console</c>) and handleSummary's stdout text.
/// </summary>
public static class K6Console
{
    private static readonly Lock Gate = new();

    /// <summary>One k6 log line as <c>kubectl logs</c> shows it.</summary>
    public static string LogLine(DateTimeOffset time, string level, string message, string? source = "console") =>
        $"time=\"{time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\" level={level} msg={Quote(message)}" + (source is null ? "" : $" source={source}");

    /// <summary>The script's per-attempt message.</summary>
    public static string AttemptMessage(long seq, long startMs, long latencyMs, int status, int errorCode, bool ok) =>
        string.Create(CultureInfo.InvariantCulture, $"ZD_ATTEMPT seq={seq} start_ms={startMs} latency_ms={latencyMs} status={status} error_code={errorCode} ok={(ok ? 1 : 0)}");

    /// <summary>Writes a log line to stderr (k6's logger output).</summary>
    public static void Log(string level, string message, string? source = "console")
    {
        var line = LogLine(DateTimeOffset.UtcNow, level, message, source);
        lock (Gate)
        {
            Console.Error.WriteLine(line);
            Console.Error.Flush();
        }
    }

    /// <summary>Writes handleSummary's stdout text.</summary>
    public static void Stdout(string text)
    {
        lock (Gate)
        {
            Console.Out.Write(text);
            Console.Out.Flush();
        }
    }

    /// <summary>Go's %q quoting, as logrus applies to values with spaces or quotes.</summary>
    public static string Quote(string value)
    {
        var s = new StringBuilder("\"");
        foreach (var c in value)
        {
            s.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\t' => "\\t", '\r' => "\\r", _ => c.ToString() });
        }

        return s.Append('"').ToString();
    }
}
