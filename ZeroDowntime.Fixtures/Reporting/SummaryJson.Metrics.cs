using System.Text.Json;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>The <c>metrics</c> object of one test.</summary>
public static partial class SummaryJson
{
    private static void WriteMetrics(Utf8JsonWriter json, ScenarioResult scenario)
    {
        var m = scenario.Metrics;
        json.WriteStartObject("metrics");
        Number(json, "total_requests", m.TotalRequests);
        Number(json, "successful_requests", m.SuccessfulRequests);
        Number(json, "success_rate", Round(m.SuccessRatePercent, 2));
        Number(json, "latency_p50", Milliseconds(m.LatencyP50));
        Number(json, "latency_p95", Milliseconds(m.LatencyP95));
        Number(json, "latency_p99", Milliseconds(m.LatencyP99));
        Number(json, "recovery_time_seconds", ReportFormat.Seconds(m.OverallRecoveryTime));
        json.WriteStartObject("recovery_times_seconds");
        foreach (var (role, recovery) in m.Recoveries.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            Number(json, role, ReportFormat.Seconds(recovery.Duration));
        }

        json.WriteEndObject();
        Number(json, "termination_time_seconds", ReportFormat.Seconds(m.TerminationTime));
        Number(json, "total_downtime_seconds", ReportFormat.Seconds(m.TotalDowntime));
        json.WriteString("downtime_time_basis", "seen");
        Number(json, "total_downtime_by_start_seconds", ReportFormat.Seconds(m.TotalDowntimeByStart));
        WriteWindows(json, "downtime_windows", m.DowntimeWindows);
        WriteWindows(json, "downtime_windows_by_start", m.DowntimeWindowsByStart);
        json.WriteStartArray("degraded_windows");
        foreach (var window in m.DegradedWindows)
        {
            json.WriteStartObject();
            json.WriteString("start", Instant(window.Start));
            json.WriteString("end", Instant(window.End));
            Number(json, "duration_seconds", ReportFormat.Seconds(window.Duration));
            json.WriteNumber("attempts", window.Attempts);
            json.WriteNumber("failed_attempts", window.FailedAttempts);
            Number(json, "error_rate", Round(100.0 * window.ErrorRate, 2));
            json.WriteBoolean("open", window.IsOpen);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        FinishMetrics(json, m);
    }

    private static void WriteWindows(Utf8JsonWriter json, string name, IEnumerable<Measurement.DowntimeWindow> windows)
    {
        json.WriteStartArray(name);
        foreach (var window in windows)
        {
            json.WriteStartObject();
            json.WriteString("start", Instant(window.Start));
            json.WriteString("end", Instant(window.End));
            Number(json, "duration_seconds", ReportFormat.Seconds(window.Duration));
            json.WriteNumber("failed_attempts", window.FailedAttempts);
            json.WriteBoolean("open", window.IsOpen);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void FinishMetrics(Utf8JsonWriter json, ScenarioMetrics m)
    {
        json.WriteStartObject("min_ready");
        foreach (var (role, count) in m.MinReady.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(role, count);
        }

        json.WriteEndObject();
        Number(json, "dropped_iterations", m.DroppedIterations);
        NullableString(json, "load_generator", m.LoadGenerator);
        json.WriteEndObject();
    }

    // Milliseconds with microsecond precision: exact enough to recompute, short enough to read.
    private static double? Milliseconds(TimeSpan? latency) =>
        latency is { } l ? Math.Round(l.TotalMilliseconds, 3, MidpointRounding.AwayFromZero) : null;
}
