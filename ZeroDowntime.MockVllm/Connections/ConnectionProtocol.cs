using System.Globalization;

namespace ZeroDowntime.MockVllm.Connections;

/// <summary>
/// The connection listener's line protocol (ASCII, one line per message, <c>\n</c>-terminated):
/// on accept the server greets with <c>hello NAME</c>; each request line is a sequence number
/// <c>N</c>, answered <c>NAME N</c> while serving, or <c>error NAME REASON N</c> when it cannot
/// serve yet (<c>loading</c>). Draining, the server answers what it already read, then closes.
/// </summary>
public static class ConnectionProtocol
{
    /// <summary>The first word of the greeting.</summary>
    public const string Hello = "hello";

    /// <summary>The first word of an error answer.</summary>
    public const string Error = "error";

    /// <summary>The reason while the model is still loading.</summary>
    public const string Loading = "loading";

    /// <summary>The greeting line (without the newline).</summary>
    public static string Greeting(string node) => $"{Hello} {node}";

    /// <summary>The answer to request <paramref name="sequence"/>.</summary>
    public static string Answer(string node, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{node} {sequence}");

    /// <summary>An error answer to request <paramref name="sequence"/>.</summary>
    public static string ErrorAnswer(string node, string reason, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Error} {node} {reason} {sequence}");

    /// <summary>The node name in a greeting, or null when <paramref name="line"/> is not one.</summary>
    public static string? ParseGreeting(string? line)
    {
        var parts = line?.Split(' ');
        return parts is [Hello, { Length: > 0 } node] ? node : null;
    }

    /// <summary>Reads a request line: a sequence number.</summary>
    public static bool TryParseRequest(string line, out long sequence) =>
        long.TryParse(line.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
}
