using System.Text.Json;
using ZeroDowntime.Fixtures.Datastore;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>The <c>datastore</c> object of a test that has a <see cref="DatastoreReport"/> (DatastoreFailover only).</summary>
public static partial class SummaryJson
{
    private static void WriteDatastore(Utf8JsonWriter json, DatastoreReport? report)
    {
        if (report is null)
        {
            return; // only a datastore scenario has the object; every other test keeps its shape
        }

        json.WriteStartObject("datastore");
        json.WriteString("acknowledge", report.Acknowledge);
        NullableString(json, "kill", report.Kill);
        NullableString(json, "old_primary", report.OldPrimary);
        NullableString(json, "new_primary", report.NewPrimary);
        NullableInstant(json, "killed_at", report.KilledAt);
        NullableInstant(json, "new_primary_at", report.NewPrimaryAt);
        Number(json, "failover_seconds", ReportFormat.Seconds(report.FailoverTime));
        NullableInstant(json, "replicas_reattached_at", report.ReplicasReattachedAt);
        Number(json, "replicas_reattached_seconds", ReportFormat.Seconds(report.ReattachTime));
        Number(json, "rto_seconds", ReportFormat.Seconds(report.Rto?.Gap));
        WriteAcknowledged(json, "last_acknowledged_before_kill", report.Rto?.LastBefore);
        WriteAcknowledged(json, "first_acknowledged_after_kill", report.Rto?.FirstAfter);
        WriteLedger(json, report.Ledger);
        json.WriteStartArray("unacknowledged_spans");
        foreach (var span in report.UnacknowledgedSpans)
        {
            json.WriteStartObject();
            json.WriteString("start", Instant(span.Start));
            json.WriteString("end", Instant(span.End));
            Number(json, "duration_seconds", ReportFormat.Seconds(span.Duration));
            json.WriteNumber("writes", span.Writes);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("write_timeline");
        foreach (var second in report.WriteTimeline)
        {
            json.WriteStartObject();
            json.WriteString("second", Instant(second.Second));
            json.WriteNumber("acknowledged", second.Acknowledged);
            json.WriteNumber("failed", second.Failed);
            json.WriteNumber("lost", second.Lost);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        NullableString(json, "file", report.LedgerFile);
        json.WriteEndObject();
    }

    private static void WriteLedger(Utf8JsonWriter json, LedgerCheck? ledger)
    {
        if (ledger is null)
        {
            json.WriteNull("ledger");
            return;
        }

        json.WriteStartObject("ledger");
        json.WriteNumber("attempted", ledger.Attempted);
        json.WriteNumber("acknowledged", ledger.Acknowledged);
        json.WriteNumber("ok", ledger.Ok);
        json.WriteNumber("lost", ledger.Lost);
        json.WriteNumber("recovered", ledger.Recovered);
        json.WriteNumber("unexpected", ledger.Unexpected);
        json.WriteNumber("unacknowledged", ledger.Unacknowledged);
        json.WriteNumber("duplicated", ledger.Duplicated);
        json.WriteNumber("acknowledged_after_read", ledger.AcknowledgedAfterRead);
        json.WriteBoolean("valid", ledger.Valid);
        Entries(json, "lost_entries", ledger.LostEntries);
        Entries(json, "unexpected_entries", ledger.UnexpectedEntries);
        Entries(json, "duplicated_entries", ledger.DuplicatedEntries);
        json.WriteEndObject();
    }

    private static void WriteAcknowledged(Utf8JsonWriter json, string name, LedgerAttempt? attempt)
    {
        if (attempt?.AcknowledgedAt is not { } at)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteNumber("sequence", attempt.Sequence);
        json.WriteString("time", Instant(at));
        json.WriteEndObject();
    }

    private static void Entries(Utf8JsonWriter json, string name, IReadOnlyList<long> entries)
    {
        json.WriteStartArray(name);
        foreach (var entry in entries)
        {
            json.WriteNumberValue(entry);
        }

        json.WriteEndArray();
    }
}
