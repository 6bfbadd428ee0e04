using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// Writes and reads <c>*.events.jsonl</c>: one <see cref="ClusterEvent"/> per line, camelCase,
/// kinds as strings, instants as ISO-8601 with their full precision, nulls omitted.
/// </summary>
/// <example>
/// <code>
/// await EventsJsonl.WriteAsync(Path.Combine(dir, "node-drain.events.jsonl"), recorder.Events);
/// var events = await EventsJsonl.ReadAsync(path);
/// </code>
/// </example>
public static class EventsJsonl
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serializes one event as a single JSON line (no newline).</summary>
    public static string Format(ClusterEvent e) => JsonSerializer.Serialize(e, Options);

    /// <summary>Writes the events to <paramref name="path"/>, one per line.</summary>
    public static async Task WriteAsync(string path, IEnumerable<ClusterEvent> events, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await WriteAsync(writer, events, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the events to <paramref name="writer"/>, one per line.</summary>
    public static async Task WriteAsync(TextWriter writer, IEnumerable<ClusterEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(Format(e)).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every event from <paramref name="path"/>.</summary>
    public static async Task<IReadOnlyList<ClusterEvent>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return await ReadAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every event; blank lines are skipped, a bad line throws <see cref="FormatException"/> naming it.</summary>
    public static async Task<IReadOnlyList<ClusterEvent>> ReadAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var events = new List<ClusterEvent>();
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                events.Add(JsonSerializer.Deserialize<ClusterEvent>(line, Options)
                    ?? throw new FormatException("the line is null"));
            }
            catch (JsonException ex)
            {
                throw new FormatException($"events.jsonl line {lineNumber}: {ex.Message}", ex);
            }
        }

        return events;
    }
}
