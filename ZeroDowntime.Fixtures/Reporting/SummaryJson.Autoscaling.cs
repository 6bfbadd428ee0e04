using System.Text.Json;
using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>The <c>autoscaling</c> object of the Autoscaling scenario: HPA, stages, the instants measured from, decisions, CPU reads, Ready counts.</summary>
public static partial class SummaryJson
{
    private static void WriteAutoscaling(Utf8JsonWriter json, ScenarioResult scenario)
    {
        if (scenario.Autoscaling is not { } a)
        {
            return;
        }

        json.WriteStartObject("autoscaling");
        json.WriteString("hpa", a.HpaName);
        json.WriteNumber("min_replicas", a.MinReplicas);
        json.WriteNumber("max_replicas", a.MaxReplicas);
        json.WriteNumber("expected_replicas", a.ExpectedReplicas);
        Number(json, "target_cpu_utilization", a.TargetUtilization);
        json.WriteStartArray("stages");
        var starts = LoadStages.Starts(a.Stages);
        for (var i = 0; i < a.Stages.Count; i++)
        {
            json.WriteStartObject();
            json.WriteNumber("rate", a.Stages[i].Rate);
            Number(json, "duration_seconds", ReportFormat.Seconds(a.Stages[i].Duration));
            NullableInstant(json, "start", a.LoadStartedAt + starts[i]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        NullableInstant(json, "top_stage_at", a.TopStageAt);
        NullableInstant(json, "scaled_up_at", a.ScaledUpAt);
        Number(json, "scale_up_seconds", ReportFormat.Seconds(a.ScaledUpAt - a.TopStageAt));
        NullableInstant(json, "load_stopped_at", a.LoadStoppedAt);
        NullableInstant(json, "scaled_down_at", a.ScaledDownAt);
        Number(json, "scale_down_seconds", ReportFormat.Seconds(a.ScaledDownAt - a.LoadStoppedAt));
        json.WriteStartArray("hpa_events");
        foreach (var e in a.Events)
        {
            json.WriteStartObject();
            json.WriteString("time", Instant(e.Time));
            json.WriteString("type", e.Type);
            json.WriteString("reason", e.Reason);
            json.WriteString("message", ReportText.OneLine(e.Message));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("cpu");
        foreach (var c in a.Cpu)
        {
            json.WriteStartObject();
            json.WriteString("time", Instant(c.Time));
            json.WriteNumber("pods", c.Pods);
            json.WriteNumber("usage_millicores", Math.Round(c.UsageMillicores, 1));
            json.WriteNumber("request_millicores", Math.Round(c.RequestMillicores, 1));
            Number(json, "utilization_percent", Round(c.UtilizationPercent, 1));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("ready_replicas");
        var steps = ReadyCounts.Timeline(scenario.Timeline.Events, a.Role);
        // The timeline opens with the count before the first event, at that event's time: when that instant
        // already changes the count (the recorder's initial list), the opening 0 was never a real state.
        foreach (var step in steps.Where((s, i) => s.Time != DateTimeOffset.MinValue && (i + 1 == steps.Count || steps[i + 1].Time != s.Time)))
        {
            json.WriteStartObject();
            json.WriteString("time", Instant(step.Time));
            json.WriteNumber("ready", step.Count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void NullableInstant(Utf8JsonWriter json, string name, DateTimeOffset? instant)
    {
        if (instant is { } i)
        {
            json.WriteString(name, Instant(i));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Number(Utf8JsonWriter json, string name, int? value)
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
}
