using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ZeroDowntime.MockVllm.Connections;

/// <summary>
/// One client connection from its connect to its end: which pod served it (the server's greeting),
/// requests sent, answered and failed, and why it ended. A slot keeps one connection open at a time
/// and reconnects after each end, so a slot's records follow each other in time.
/// </summary>
/// <param name="Slot">The connection slot (0 to connections - 1).</param>
/// <param name="Attempt">The slot's connect attempt, from 1.</param>
/// <param name="Start">When the connect began.</param>
/// <param name="Established">When the greeting arrived; null for a failed connect.</param>
/// <param name="End">When it ended (for a lasting connection: when the traffic stopped).</param>
/// <param name="Pod">The pod that served it (from the greeting); null for a failed connect.</param>
/// <param name="Sent">Requests sent.</param>
/// <param name="Answered">Requests answered with the pod's name and their sequence number.</param>
/// <param name="Failed">Requests that got an error answer, a wrong answer, no answer within the read deadline, or none before the connection ended.</param>
/// <param name="Reason">Why it ended.</param>
/// <param name="Detail">What the failure was, in a few words (<c>connection refused</c>, <c>error loading</c>); null when nothing failed.</param>
public sealed record ConnectionRecord(
    int Slot,
    int Attempt,
    DateTimeOffset Start,
    DateTimeOffset? Established,
    DateTimeOffset End,
    string? Pod,
    long Sent,
    long Answered,
    long Failed,
    ConnectionEnd Reason,
    string? Detail)
{
    /// <summary>The prefix of a record's log line (the in-cluster client prints one per connection).</summary>
    public const string LinePrefix = "ZD_CONNECTION ";

    /// <summary>Established and then ended before the traffic stopped.</summary>
    public bool IsLost => Reason is ConnectionEnd.Closed or ConnectionEnd.Reset or ConnectionEnd.Timeout;

    /// <summary>Still open when the traffic stopped.</summary>
    public bool IsLasting => Reason == ConnectionEnd.Lasting;

    /// <summary>Never established.</summary>
    public bool IsFailedConnect => Reason == ConnectionEnd.ConnectFailed;

    /// <summary>Whether the connection was open at <paramref name="instant"/>.</summary>
    public bool WasOpenAt(DateTimeOffset instant) => Established is { } e && e <= instant && End > instant;

    /// <summary>The record as one log line: <c>ZD_CONNECTION {json}</c>.</summary>
    public string ToLine()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("slot", Slot);
            json.WriteNumber("attempt", Attempt);
            json.WriteString("start", Instant(Start));
            if (Established is { } established)
            {
                json.WriteString("established", Instant(established));
            }
            else
            {
                json.WriteNull("established");
            }

            json.WriteString("end", Instant(End));
            json.WriteString("pod", Pod);
            json.WriteNumber("sent", Sent);
            json.WriteNumber("answered", Answered);
            json.WriteNumber("failed", Failed);
            json.WriteString("reason", ReasonText(Reason));
            json.WriteString("detail", Detail);
            json.WriteEndObject();
        }

        return LinePrefix + Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a line written by <see cref="ToLine"/> (anything before the prefix, e.g. a log timestamp, is skipped).</summary>
    public static bool TryParseLine(string line, out ConnectionRecord record)
    {
        record = null!;
        var at = line?.IndexOf(LinePrefix, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(line![(at + LinePrefix.Length)..]);
            var root = document.RootElement;
            record = new ConnectionRecord(
                root.GetProperty("slot").GetInt32(),
                root.GetProperty("attempt").GetInt32(),
                ParseInstant(root.GetProperty("start").GetString()),
                root.GetProperty("established").ValueKind == JsonValueKind.Null ? null : ParseInstant(root.GetProperty("established").GetString()),
                ParseInstant(root.GetProperty("end").GetString()),
                root.GetProperty("pod").GetString(),
                root.GetProperty("sent").GetInt64(),
                root.GetProperty("answered").GetInt64(),
                root.GetProperty("failed").GetInt64(),
                ParseReason(root.GetProperty("reason").GetString()),
                root.GetProperty("detail").GetString());
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    /// <summary>The end reason as the record line writes it: <c>lasting</c>, <c>closed</c>, <c>reset</c>, <c>timeout</c>, <c>connect-failed</c>.</summary>
    public static string ReasonText(ConnectionEnd reason) => reason switch
    {
        ConnectionEnd.ConnectFailed => "connect-failed",
        _ => reason.ToString().ToLowerInvariant(),
    };

    private static ConnectionEnd ParseReason(string? text) =>
        Enum.GetValues<ConnectionEnd>().FirstOrDefault(r => ReasonText(r) == text, (ConnectionEnd)(-1)) is var reason && Enum.IsDefined(reason)
            ? reason
            : throw new FormatException($"unknown end reason '{text}'");

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseInstant(string? text) =>
        DateTimeOffset.Parse(text ?? throw new FormatException("missing time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
