using System.Text.Json;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>The <c>connections</c> object of a test with connection traffic (RollingUpgrade); null for the others.</summary>
public static partial class SummaryJson
{
    private static void WriteConnections(Utf8JsonWriter json, ScenarioResult scenario)
    {
        if (scenario.Connections is not { } report)
        {
            json.WriteNull("connections");
            return;
        }

        json.WriteStartObject("connections");
        json.WriteString("service", ReportText.OneLine(report.Service));
        json.WriteString("scheduler", ReportText.OneLine(report.Scheduler));
        json.WriteString("generator", report.Generator);
        json.WriteString("target", ReportText.OneLine(report.Target));
        json.WriteNumber("connections", report.Connections);
        json.WriteNumber("rate_per_second", report.Rate);
        var change = report.Change;
        NullableString(json, "deployment", change?.Deployment);
        NullableString(json, "container", change?.Container);
        NullableString(json, "old_image", change?.OldImage);
        NullableString(json, "new_image", change?.NewImage);
        Number(json, "replicas", change?.Replicas);
        Number(json, "max_surge", change?.MaxSurge);
        Number(json, "max_unavailable", change?.MaxUnavailable);
        NullableString(json, "image_changed", change is null ? null : Instant(change.AcceptedAt));
        NullableString(json, "rollout_completed", report.Rollout?.CompletedAt is { } done ? Instant(done) : null);
        Number(json, "rollout_seconds", ReportFormat.Seconds(report.Rollout?.CompletedAt - change?.AcceptedAt));
        NullableString(json, "old_pods_gone", report.OldPodsGoneAt is { } gone ? Instant(gone) : null);
        var a = report.Analysis;
        Number(json, "open_on_old_pods", a?.OpenOnOldPods);
        Number(json, "lost", a?.Lost.Count);
        PerPod(json, "lost_per_pod", a?.LostPerPod);
        Number(json, "lost_again", a?.LostAgain.Count);
        Number(json, "not_reconnected", a?.NotReconnected.Count);
        Number(json, "lasting", a?.Lasting.Count);
        PerPod(json, "lasting_per_pod", a?.LastingPerPod);
        Number(json, "failed_connects", a?.FailedConnects.Count);
        json.WriteStartObject("requests");
        Number(json, "sent", a?.Requests.Sent);
        Number(json, "answered", a?.Requests.Answered);
        Number(json, "failed", a?.Requests.Failed);
        Number(json, "failed_not_lost", a?.FailedRequestsNotLost);
        json.WriteEndObject();
        Strings(json, "old_pods", report.OldPods.Order(StringComparer.Ordinal));
        Strings(json, "new_pods", a?.NewPods ?? []);
        json.WriteStartArray("rollout_steps");
        foreach (var step in report.Rollout?.Steps ?? [])
        {
            json.WriteStartObject();
            json.WriteString("time", Instant(step.Time));
            json.WriteNumber("updated", step.Updated);
            json.WriteNumber("ready", step.Ready);
            json.WriteNumber("available", step.Available);
            json.WriteNumber("total", step.Total);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void PerPod(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, int>? perPod)
    {
        if (perPod is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        foreach (var (pod, count) in perPod.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(pod, count);
        }

        json.WriteEndObject();
    }
}
