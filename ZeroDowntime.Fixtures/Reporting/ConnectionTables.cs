using System.Globalization;
using static ZeroDowntime.Fixtures.Reporting.ReportFormat;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>The console's per-pod tables of a rolling upgrade, in the reference test's shape (lost per old pod, lasting per new pod, failed connects).</summary>
internal static class ConnectionTables
{
    public static IEnumerable<string> Lines(ScenarioResult result)
    {
        if (result.Connections is not { } report)
        {
            yield break;
        }

        var inv = CultureInfo.InvariantCulture;
        yield return string.Create(inv, $"  Connections: {report.Connections} at {report.Rate:0.##}/s through {report.Service} (scheduler {report.Scheduler}; {report.Generator})");
        if (report.Change is { } change)
        {
            var rollout = report.Rollout?.CompletedAt is { } done ? $"complete in {Duration(done - change.AcceptedAt)}" : "not complete";
            yield return string.Create(inv,
                $"  Rollout: deployment/{change.Deployment} {change.Container}={change.NewImage} {rollout} ({change.Replicas} replicas, maxSurge {change.MaxSurge}, maxUnavailable {change.MaxUnavailable})");
        }

        if (report.Analysis is not { } a)
        {
            yield break;
        }

        yield return string.Create(inv, $"  Lost connections: {a.Lost.Count} ({a.OpenOnOldPods} open on old pods when the image changed{(a.LostAgain.Count > 0 ? $", {a.LostAgain.Count} lost again" : "")})");
        foreach (var (pod, count) in a.LostPerPod)
        {
            yield return string.Create(inv, $"    {pod} {count}{(report.OldPods.Contains(pod) ? "" : " (new pod)")}");
        }

        yield return string.Create(inv, $"  Lasting connections: {a.Lasting.Count}");
        foreach (var (pod, count) in a.LastingPerPod)
        {
            yield return string.Create(inv, $"    {pod} {count}{(report.OldPods.Contains(pod) ? " (old pod)" : "")}");
        }

        yield return string.Create(inv, $"  Failed connects: {a.FailedConnects.Count}");
        yield return string.Create(inv, $"  Requests: {a.Requests.Sent} sent, {a.Requests.Answered} answered, {a.Requests.Failed} failed ({a.FailedRequestsNotLost} on connections not lost)");
    }
}
