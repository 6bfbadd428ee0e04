using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ZeroDowntime.MockVllm.Connections;

/// <summary>
/// The reference upgrade test's summary of a run, computed from the records: lost connections per
/// pod, lasting connections per pod, failed connects, and the request counters.
/// </summary>
/// <param name="Connections">Connection records (failed connects excluded).</param>
/// <param name="Lost">Connections lost (closed, reset or timed out before the traffic stopped).</param>
/// <param name="LostPerPod">Lost connections by the pod that served them.</param>
/// <param name="Lasting">Connections still open when the traffic stopped.</param>
/// <param name="LastingPerPod">Lasting connections by pod.</param>
/// <param name="FailedConnects">Connects that never got established.</param>
/// <param name="Sent">Requests sent.</param>
/// <param name="Answered">Requests answered.</param>
/// <param name="Failed">Requests failed.</param>
public sealed record ConnectionSummary(
    int Connections,
    int Lost,
    IReadOnlyDictionary<string, int> LostPerPod,
    int Lasting,
    IReadOnlyDictionary<string, int> LastingPerPod,
    int FailedConnects,
    long Sent,
    long Answered,
    long Failed)
{
    /// <summary>The prefix of the summary's log line.</summary>
    public const string LinePrefix = "ZD_CONNECTION_SUMMARY ";

    /// <summary>Counts <paramref name="records"/>.</summary>
    public static ConnectionSummary Of(IEnumerable<ConnectionRecord> records)
    {
        var all = records.ToList();
        var lost = all.Where(r => r.IsLost).ToList();
        var lasting = all.Where(r => r.IsLasting).ToList();
        return new ConnectionSummary(
            all.Count(r => !r.IsFailedConnect),
            lost.Count,
            PerPod(lost),
            lasting.Count,
            PerPod(lasting),
            all.Count(r => r.IsFailedConnect),
            all.Sum(r => r.Sent),
            all.Sum(r => r.Answered),
            all.Sum(r => r.Failed));
    }

    /// <summary>The seed's shape: <c>Lost connections: N</c> with one indented line per pod, the same for lasting ones, then the failed connects.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        Block(text, "Lost connections", Lost, LostPerPod);
        Block(text, "Lasting connections", Lasting, LastingPerPod);
        text.Append(CultureInfo.InvariantCulture, $"Failed connects: {FailedConnects}\n");
        text.Append(CultureInfo.InvariantCulture, $"Requests: {Sent} sent, {Answered} answered, {Failed} failed\n");
        return text.ToString();
    }

    /// <summary>The summary as one log line: <c>ZD_CONNECTION_SUMMARY {json}</c> (the in-cluster client prints it last).</summary>
    public string ToLine()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("connections", Connections);
            json.WriteNumber("lost", Lost);
            json.WriteNumber("lasting", Lasting);
            json.WriteNumber("failed_connects", FailedConnects);
            json.WriteNumber("sent", Sent);
            json.WriteNumber("answered", Answered);
            json.WriteNumber("failed", Failed);
            json.WriteEndObject();
        }

        return LinePrefix + Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads the counters back from a <see cref="ToLine"/> line (per-pod counts come from the records).</summary>
    public static bool TryParseCounts(string line, out (int Connections, int Lost, int Lasting, int FailedConnects) counts)
    {
        counts = default;
        var at = line.IndexOf(LinePrefix, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(line[(at + LinePrefix.Length)..]);
            var root = document.RootElement;
            counts = (root.GetProperty("connections").GetInt32(), root.GetProperty("lost").GetInt32(),
                root.GetProperty("lasting").GetInt32(), root.GetProperty("failed_connects").GetInt32());
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static SortedDictionary<string, int> PerPod(IEnumerable<ConnectionRecord> records) =>
        new(records.GroupBy(r => r.Pod ?? "(unknown)").ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);

    private static void Block(StringBuilder text, string title, int total, IReadOnlyDictionary<string, int> perPod)
    {
        text.Append(CultureInfo.InvariantCulture, $"{title}: {total}\n");
        foreach (var (pod, count) in perPod)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {pod} {count}\n");
        }
    }
}
