using System.Text.Json;

namespace ZeroDowntime.Fixtures.Load;

/// <summary>
/// Reads the summary the k6 script's <c>handleSummary</c> emits: a stdout line
/// <c>ZD_K6_SUMMARY {json}</c> in the pod log, or the bare JSON from the pod's
/// <c>terminated.message</c> (<c>/dev/termination-log</c>).
/// </summary>
/// <example>
/// <code>
/// if (K6SummaryParser.TryFindInLog(logLines, out var summary)) report.Load = summary;
/// else summary = K6SummaryParser.Parse(pod.Status.ContainerStatuses[0].State.Terminated.Message);
/// </code>
/// </example>
public static class K6SummaryParser
{
    /// <summary>The marker that starts the summary line.</summary>
    public const string Marker = "ZD_K6_SUMMARY ";

    /// <summary>The schema the script writes.</summary>
    public const string Schema = "zerodowntime.k6-summary/v1";

    /// <summary>Finds the last summary line in a pod log (with or without kubectl timestamps).</summary>
    public static bool TryFindInLog(IEnumerable<string> lines, out LoadSummary summary)
    {
        ArgumentNullException.ThrowIfNull(lines);
        string? json = null;
        foreach (var line in lines)
        {
            var at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                json = line[(at + Marker.Length)..];
            }
        }

        summary = json is null ? null! : Parse(json);
        return json is not null;
    }

    /// <summary>Parses the summary JSON (optionally still prefixed by the marker).</summary>
    /// <exception cref="FormatException">The text is not a summary of this schema.</exception>
    public static LoadSummary Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf(Marker, StringComparison.Ordinal);
        var json = at >= 0 ? text[(at + Marker.Length)..] : text;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schema) || schema.GetString() != Schema)
            {
                throw new FormatException($"Not a k6 summary of schema '{Schema}'.");
            }

            var thresholds = new Dictionary<string, bool>(StringComparer.Ordinal);
            if (root.TryGetProperty("thresholds", out var results) && results.ValueKind == JsonValueKind.Object)
            {
                foreach (var result in results.EnumerateObject())
                {
                    thresholds[result.Name] = result.Value.GetBoolean();
                }
            }

            if (thresholds.Count == 0 && root.TryGetProperty("thresholds_ok", out var allOk) && allOk.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                thresholds["thresholds"] = allOk.GetBoolean(); // the trimmed termination message keeps only the verdict
            }

            return new LoadSummary(
                root.TryGetProperty("generator", out var generator) ? generator.GetString() ?? "k6" : "k6",
                root.GetProperty("attempts").GetInt64(),
                root.GetProperty("successes").GetInt64(),
                Milliseconds(root, "p50_ms"),
                Milliseconds(root, "p95_ms"),
                Milliseconds(root, "p99_ms"),
                root.TryGetProperty("dropped_iterations", out var dropped) ? dropped.GetInt64() : 0,
                Milliseconds(root, "duration_ms") ?? TimeSpan.Zero,
                thresholds);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"Not a k6 summary of schema '{Schema}': {ex.Message}", ex);
        }
    }

    private static TimeSpan? Milliseconds(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? TimeSpan.FromTicks((long)Math.Round(value.GetDouble() * TimeSpan.TicksPerMillisecond))
            : null;
}
