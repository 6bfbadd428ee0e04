using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// Renders <c>summary.json</c>: the reference suite's format (timestamp, duration_seconds, tests[]
/// with name/status/duration_seconds/checks/metrics, summary with totals and overall_availability)
/// plus our additions (run id, profile, cluster, check details, downtime windows, recovery per role,
/// disruption markers, files). Indented, invariant, the same bytes for the same report; a value
/// that was not measured is <c>null</c>. See docs/reports.md for every field.
/// </summary>
public static partial class SummaryJson
{
    /// <summary>The report file name.</summary>
    public const string FileName = "summary.json";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep "≥" and "–" readable; this is a file, never inlined in HTML
    };

    /// <summary>Renders the report as indented JSON (LF line ends, trailing newline).</summary>
    public static string Render(SuiteReport suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options with { NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", Instant(suite.StartedAt));
            Number(json, "duration_seconds", ReportFormat.Seconds(suite.Duration));
            json.WriteString("run_id", ReportText.OneLine(suite.RunId));
            NullableString(json, "profile", suite.Profile);
            NullableString(json, "cluster", suite.Cluster);
            NullableString(json, "local_redis", suite.LocalRedis);
            Strings(json, "repairs", suite.Repairs);
            WriteApi(json, suite.Api);
            Strings(json, "pre_validation_problems", suite.PreValidationProblems);
            Strings(json, "post_validation_problems", suite.PostValidationProblems);
            json.WriteStartArray("tests");
            var scenarios = suite.Scenarios;
            foreach (var scenario in scenarios)
            {
                WriteScenario(json, scenario);
            }

            json.WriteEndArray();
            WriteSummary(json, suite, scenarios);
            json.WriteStartObject("files");
            json.WriteString("summary", FileName);
            json.WriteString("report", HtmlReport.FileName);
            json.WriteString("console", ConsoleReport.FileName);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The status as summary.json writes it: <c>pass</c>, <c>fail</c>, <c>skipped</c>, <c>error</c>.</summary>
    public static string StatusText(ScenarioStatus status) => status.ToString().ToLowerInvariant();

    private static void WriteSummary(Utf8JsonWriter json, SuiteReport suite, IReadOnlyList<ScenarioResult> scenarios)
    {
        var statuses = scenarios.Select(s => s.Status).ToList();
        json.WriteStartObject("summary");
        json.WriteNumber("total_tests", scenarios.Count);
        json.WriteNumber("passed", statuses.Count(s => s == ScenarioStatus.Pass));
        json.WriteNumber("failed", statuses.Count(s => s is ScenarioStatus.Fail or ScenarioStatus.Error));
        json.WriteNumber("errors", statuses.Count(s => s == ScenarioStatus.Error));
        json.WriteNumber("skipped", statuses.Count(s => s == ScenarioStatus.Skipped));
        Number(json, "overall_availability", Round(suite.OverallAvailabilityPercent, 2));
        json.WriteNumber("total_requests", scenarios.Sum(s => s.Metrics.TotalRequests ?? 0));
        json.WriteNumber("successful_requests", scenarios.Sum(s => s.Metrics.SuccessfulRequests ?? 0));
        var time = SuiteTime.Of(suite, scenarios);
        Number(json, "mandated_wait_seconds", ReportFormat.Seconds(time.MandatedWaits));
        Number(json, "beyond_mandated_waits_seconds", ReportFormat.Seconds(time.BeyondMandatedWaits));
        Number(json, "outside_scenarios_seconds", ReportFormat.Seconds(time.OutsideScenarios));
        json.WriteEndObject();
    }

    private static void WriteApi(Utf8JsonWriter json, ApiTally? api)
    {
        if (api is null)
        {
            json.WriteNull("api");
            return;
        }

        json.WriteStartObject("api");
        json.WriteNumber("retries", api.Retries);
        json.WriteString("retry_detail", api.RetryDetail);
        NullableString(json, "fault_profile", api.FaultProfile);
        Number(json, "faults_injected", api.FaultsInjected);
        json.WriteEndObject();
    }

    private static void WriteScenario(Utf8JsonWriter json, ScenarioResult scenario)
    {
        json.WriteStartObject();
        json.WriteString("name", scenario.Key);
        json.WriteString("scenario", scenario.Name);
        json.WriteString("display_name", scenario.DisplayName);
        json.WriteString("status", StatusText(scenario.Status));
        json.WriteString("started", Instant(scenario.StartedAt));
        Number(json, "duration_seconds", ReportFormat.Seconds(scenario.Duration));
        Number(json, "mandated_wait_seconds", ReportFormat.Seconds(scenario.MandatedWaits));
        Number(json, "beyond_mandated_waits_seconds", ReportFormat.Seconds(scenario.BeyondMandatedWaits));
        var checks = scenario.Checks;
        json.WriteStartObject("checks");
        foreach (var check in checks)
        {
            json.WriteString(check.Key, check.Passed ? "pass" : "fail");
        }

        json.WriteEndObject();
        json.WriteStartArray("check_details");
        foreach (var check in checks)
        {
            json.WriteStartObject();
            json.WriteString("key", check.Key);
            json.WriteString("description", ReportText.OneLine(check.Description));
            json.WriteString("status", check.Passed ? "pass" : "fail");
            NullableString(json, "expected", check.Expected);
            NullableString(json, "actual", check.Actual);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteMetrics(json, scenario);
        WriteConnections(json, scenario);
        WriteAutoscaling(json, scenario);
        WriteDetails(json, scenario);
        WriteDatastore(json, scenario.Datastore);
        json.WriteStartArray("disruptions");
        foreach (var marker in scenario.Timeline.Markers)
        {
            json.WriteStartObject();
            json.WriteString("time", Instant(marker.Time));
            json.WriteString("label", ReportText.OneLine(marker.Label));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        NullableString(json, "failure", scenario.FailureMessage);
        json.WriteStartObject("files");
        NullableString(json, "requests", RawTimelineFiles.RequestsFileName(scenario));
        NullableString(json, "events", RawTimelineFiles.EventsFileName(scenario));
        NullableString(json, "connections", RawTimelineFiles.ConnectionsFileName(scenario));
        if (scenario.Datastore?.LedgerFile is { } ledger)
        {
            json.WriteString("ledger", ledger);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static double? Round(double? value, int digits) =>
        value is { } v && double.IsFinite(v) ? (double)Math.Round((decimal)v, digits, MidpointRounding.AwayFromZero) : null; // decimal: 94.875 rounds up, as written

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Number(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void NullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, ReportText.Clean(value));
        }
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(ReportText.OneLine(value));
        }

        json.WriteEndArray();
    }
}
