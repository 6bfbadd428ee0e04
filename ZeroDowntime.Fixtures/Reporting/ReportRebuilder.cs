using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// Rebuilds <c>summary.json</c> and <c>report.html</c> of a results folder from its raw timelines, for a run that
/// was killed (SIGKILL, a lost CI runner) before it could write them. A scenario that <c>summary.json</c> lists as
/// finished keeps its verdict, checks and JSON entry as written; one that was cut short gets its attempts and events
/// up to the kill, metrics computed from them, and the status <c>error</c> with "incomplete (run killed at ~T)",
/// T being the last recorded instant. The previous files are kept as <c>summary.before-rebuild.json</c> and
/// <c>report.before-rebuild.html</c>. Command: <c>dotnet run --project ZeroDowntime.Fixtures.Tool -- report &lt;results-dir&gt;</c>.
/// </summary>
public static class ReportRebuilder
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Rebuilds the reports in <paramref name="directory"/>; returns one line per scenario saying what it holds.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidOperationException">The folder has neither summary.json nor raw timelines.</exception>
    public static async Task<IReadOnlyList<string>> RebuildAsync(string directory, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        directory = Path.GetFullPath(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The results folder {directory} does not exist.");
        }

        var summaryPath = Path.Combine(directory, SummaryJson.FileName);
        var original = File.Exists(summaryPath) ? JsonNode.Parse(await File.ReadAllTextAsync(summaryPath, ct).ConfigureAwait(false)) as JsonObject : null;
        var tests = (original?["tests"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var keys = tests.Select(t => (string?)t["name"]).OfType<string>().ToList();
        keys.AddRange(RawKeys(directory).Where(k => !keys.Contains(k, StringComparer.Ordinal)));
        if (keys.Count == 0)
        {
            throw new InvalidOperationException($"The results folder {directory} has neither {SummaryJson.FileName} nor raw timelines (*.requests.csv, *.events.jsonl): there is nothing to rebuild from.");
        }

        var results = new List<ScenarioResult>();
        var lines = new List<string>();
        foreach (var key in keys)
        {
            var entry = tests.FirstOrDefault(t => (string?)t["name"] == key);
            var (result, line) = await RebuildScenarioAsync(directory, key, entry, ct).ConfigureAwait(false);
            results.Add(result);
            lines.Add(line);
        }

        var suite = Suite(original ?? await HeaderFromConsoleLogAsync(directory, ct).ConfigureAwait(false), results);
        KeepOriginal(summaryPath, Path.Combine(directory, "summary.before-rebuild.json"));
        KeepOriginal(Path.Combine(directory, HtmlReport.FileName), Path.Combine(directory, "report.before-rebuild.html"));
        await AtomicFile.WriteAllTextAsync(summaryPath, Splice(SummaryJson.Render(suite), tests)).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(Path.Combine(directory, HtmlReport.FileName), HtmlReport.Render(suite)).ConfigureAwait(false);
        return lines;
    }

    private static IEnumerable<string> RawKeys(string directory) =>
        Directory.GetFiles(directory, "*.requests.csv").Concat(Directory.GetFiles(directory, "*.events.jsonl"))
            .Select(f => Path.GetFileName(f)!.Split('.')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    private static async Task<(ScenarioResult Result, string Line)> RebuildScenarioAsync(string directory, string key, JsonObject? entry, CancellationToken ct)
    {
        var attempts = await PartialRawFiles.ReadAttemptsAsync(Path.Combine(directory, key + ".requests.csv"), ct).ConfigureAwait(false);
        var events = await PartialRawFiles.ReadEventsAsync(Path.Combine(directory, key + ".events.jsonl"), ct).ConfigureAwait(false);
        var instants = attempts.Select(a => a.Start).Concat(attempts.Select(a => a.Seen)).Concat(events.Select(e => e.Time)).ToList();
        var started = Instant(entry?["started"]) ?? (instants.Count > 0 ? instants.Min() : DateTimeOffset.UnixEpoch);
        var name = (string?)entry?["scenario"] ?? string.Concat(key.Split('_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
        var result = new ScenarioResult(name, started, (string?)entry?["display_name"]);
        Fill(result, attempts, events);
        var duration = entry?["duration_seconds"]?.GetValue<double>();
        if (entry is not null && duration is not null)
        {
            CopyVerdict(result, entry);
            result.Finish(started + TimeSpan.FromSeconds(duration.Value));
            return (result, $"{key}: finished ({SummaryJson.StatusText(result.Status)}), kept as written; {Count(attempts.Count, "attempt")}, {Count(events.Count, "event")} in its raw timelines");
        }

        var last = instants.Count > 0 ? instants.Max() : started;
        var incomplete = $"incomplete (run killed at ~{ReportFormat.Time(last)})";
        result.Error(incomplete);
        result.Finish(last);
        return (result, $"{key}: {incomplete}; {Count(attempts.Count, "attempt")} and {Count(events.Count, "event")} recorded before it");
    }

    private static void Fill(ScenarioResult result, IReadOnlyList<AttemptRecord> attempts, IReadOnlyList<ClusterEvent> events)
    {
        var timeline = result.Timeline;
        timeline.LoadAttempts = attempts.Where(a => a.Source is AttemptSources.BuiltInLoad or AttemptSources.K6).OrderBy(a => a.Start).ToList();
        timeline.ProbeAttempts = attempts.Where(a => a.Source == AttemptSources.Probe).OrderBy(a => a.Start).ToList();
        timeline.AdditionalAttempts = attempts.Where(a => a.Source is not (AttemptSources.BuiltInLoad or AttemptSources.K6 or AttemptSources.Probe)).OrderBy(a => a.Start).ToList();
        // Disruption markers are in the events file twice in a finished run (the event and its marker line): the events carry them.
        timeline.Events = events.Where(e => e.Kind != ClusterEventKind.Marker || !events.Any(d => d.Kind == ClusterEventKind.DisruptionAccepted && d.Time == e.Time)).OrderBy(e => e.Time).ToList();
        foreach (var disruption in events.Where(e => e.Kind == ClusterEventKind.DisruptionAccepted))
        {
            result.MarkDisruption(disruption.Time, disruption.Detail ?? $"{disruption.Role} {disruption.Pod}");
        }

        var times = attempts.Select(a => a.Start).Concat(events.Select(e => e.Time)).ToList();
        timeline.LoadStartedAt = events.FirstOrDefault(e => e.Kind == ClusterEventKind.Marker && e.Detail == "load and probe started")?.Time
                                 ?? (attempts.Count > 0 ? attempts.Min(a => a.Start) : null);
        timeline.MonitoringStart = timeline.FirstDisruption ?? timeline.LoadStartedAt;
        timeline.MonitoringEnd = times.Count > 0 ? attempts.Select(a => a.Seen).Concat(times).Max() : null;
        result.ComputeMetrics();
    }

    private static void CopyVerdict(ScenarioResult result, JsonObject entry)
    {
        foreach (var check in (entry["check_details"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            result.Record(new CheckResult((string)check["key"]!, (string?)check["description"] ?? "", (string?)check["status"] == "pass",
                (string?)check["expected"], (string?)check["actual"]));
        }

        var failure = (string?)entry["failure"];
        switch ((string?)entry["status"])
        {
            case "fail": result.Fail(failure ?? "failed"); break;
            case "error": result.Error(failure ?? "error"); break;
            case "skipped": result.Skip(failure ?? "skipped"); break;
        }
    }

    private static SuiteReport Suite(JsonObject? original, List<ScenarioResult> results)
    {
        var started = Instant(original?["timestamp"]) ?? results.Select(r => r.StartedAt).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Min();
        var suite = new SuiteReport((string?)original?["run_id"] ?? "unknown (rebuilt without summary.json)", started)
        {
            Cluster = (string?)original?["cluster"],
            Profile = (string?)original?["profile"],
            LocalRedis = (string?)original?["local_redis"],
        };
        foreach (var (list, add) in new (string, Action<string>)[] { ("repairs", suite.AddRepair), ("pre_validation_problems", suite.AddPreValidationProblem), ("post_validation_problems", suite.AddPostValidationProblem) })
        {
            foreach (var item in (original?[list] as JsonArray)?.Select(n => (string?)n).OfType<string>() ?? [])
            {
                add(item);
            }
        }

        for (var i = 0; i < results.Count; i++)
        {
            results[i].Index = i + 1;
            results[i].Total = results.Count;
            suite.Add(results[i]);
        }

        if (original?["duration_seconds"]?.GetValue<double>() is { } seconds)
        {
            suite.Finish(started + TimeSpan.FromSeconds(seconds));
        }

        return suite;
    }

    // A finished scenario's entry as the run wrote it (its details, connections, datastore... are not in the raw timelines).
    private static string Splice(string rebuilt, IReadOnlyList<JsonObject> originals)
    {
        var root = JsonNode.Parse(rebuilt)!.AsObject();
        var tests = root["tests"]!.AsArray();
        for (var i = 0; i < tests.Count; i++)
        {
            var name = (string?)tests[i]!["name"];
            if (originals.FirstOrDefault(t => (string?)t["name"] == name && t["duration_seconds"] is not null) is { } kept)
            {
                tests[i] = kept.DeepClone();
            }
        }

        return root.ToJsonString(Json) + "\n";
    }

    // A run killed during its first scenario has no summary.json yet; console.log's header names the run.
    private static async Task<JsonObject?> HeaderFromConsoleLogAsync(string directory, CancellationToken ct)
    {
        var path = Path.Combine(directory, ConsoleReport.FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var header = new JsonObject();
        foreach (var line in (await File.ReadAllLinesAsync(path, ct).ConfigureAwait(false)).Take(10))
        {
            foreach (var (prefix, field) in new[] { ("Run: ", "run_id"), ("Cluster: ", "cluster"), ("Profile: ", "profile") })
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    header[field] = line[prefix.Length..];
                }
            }
        }

        return header.Count == 0 ? null : header;
    }

    private static void KeepOriginal(string path, string backup)
    {
        if (File.Exists(path) && !File.Exists(backup))
        {
            File.Copy(path, backup);
        }
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static DateTimeOffset? Instant(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
