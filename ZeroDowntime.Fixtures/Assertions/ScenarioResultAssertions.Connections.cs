using System.Globalization;
using FluentAssertions;
using ZeroDowntime.Fixtures.Connections;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.MockVllm.Connections;
using static ZeroDowntime.Fixtures.Reporting.ReportFormat;

namespace ZeroDowntime.Fixtures.Assertions;

/// <summary>Connection-level checks of a rolling upgrade, from <see cref="ScenarioResult.Connections"/>.</summary>
public sealed partial class ScenarioResultAssertions
{
    private const int MaxListed = 5;

    /// <summary>
    /// Asserts that no request failed on a connection that was not lost (an error answer, a wrong one):
    /// the only cost an upgrade may have is the connections of the pods that go. Records check <c>failed_requests_not_lost</c>.
    /// </summary>
    public AndConstraint<ScenarioResultAssertions> HaveNoFailedRequestsOnConnectionsNotLost()
    {
        const string key = "failed_requests_not_lost";
        const string description = "No failed requests on connections that were not lost";
        const string expectation = "Expected zero failed requests on connections that were not lost";
        if (Analysis(out var why) is not { } a)
        {
            return Verdict(CheckResult.Fail(key, description, "0", NotAvailable), expectation, why, "", []);
        }

        var failed = a.FailedWhileNotLost;
        var actual = failed.Count == 0 ? "0" : Inv($"{a.FailedRequestsNotLost} on {failed.Count} connection(s)");
        var evidence = string.Join(", ", failed.GroupBy(r => (r.Pod, r.Detail)).OrderByDescending(g => g.Sum(r => r.Failed)).Take(MaxListed)
            .Select(g => Inv($"{g.Sum(r => r.Failed)} on {g.Key.Pod} ({g.Key.Detail}, {g.Count()} connection(s))")));
        return Verdict(new CheckResult(key, description, failed.Count == 0, "0", actual), expectation,
            Inv($"{a.FailedRequestsNotLost} failed on {failed.Count} connection(s): {evidence}"), "", []);
    }

    /// <summary>
    /// Asserts that at most <paramref name="factor"/> × the connections open on old pods at the image change were lost
    /// (1 is the perfect score: each such connection lost once). Records check <c>lost_connections</c>.
    /// </summary>
    public AndConstraint<ScenarioResultAssertions> LoseAtMostConnections(double factor)
    {
        const string key = "lost_connections";
        if (Analysis(out var why) is not { } a)
        {
            return Verdict(CheckResult.Fail(key, Inv($"Lost connections at most {factor:0.##} × those open on old pods"), "n/a", NotAvailable),
                Inv($"Expected at most {factor:0.##} × the connections open on old pods to be lost"), why, "", []);
        }

        var limit = (int)Math.Floor(factor * a.OpenOnOldPods);
        var description = Inv($"Lost connections at most {factor:0.##} × the {a.OpenOnOldPods} open on old pods");
        var expectation = Inv($"Expected at most {limit} lost connections ({factor:0.##} × the {a.OpenOnOldPods} open on old pods when the upgrade began)");
        if (a.OpenOnOldPods == 0)
        {
            return Verdict(CheckResult.Fail(key, description, Inv($"≤ {limit}"), "no connection on an old pod"), expectation,
                "no connection was open on an old pod when the image changed: the measurement saw nothing to lose", "", []);
        }

        var actual = Inv($"{a.Lost.Count} ({a.LostAgain.Count} lost again after a reconnect to an old pod)");
        var perPod = string.Join(", ", a.LostPerPod.Select(p => Inv($"{p.Key} {p.Value}")));
        var again = a.LostAgain.Count == 0 ? "" : Inv($"; lost again after reconnecting to an old pod: {a.LostAgain.Count}");
        return Verdict(new CheckResult(key, description, a.Lost.Count <= limit, Inv($"≤ {limit}"), actual), expectation,
            Inv($"{a.Lost.Count} were lost: {perPod}{again}"), "", []);
    }

    /// <summary>Asserts that every lost connection's slot got a new connection established before the traffic stopped. Records check <c>lost_connections_reconnected</c>.</summary>
    public AndConstraint<ScenarioResultAssertions> ReconnectEveryLostConnection()
    {
        const string key = "lost_connections_reconnected";
        const string description = "Every lost connection reconnected";
        const string expectation = "Expected every lost connection to reconnect";
        if (Analysis(out var why) is not { } a)
        {
            return Verdict(CheckResult.Fail(key, description, "all", NotAvailable), expectation, why, "", []);
        }

        var missing = a.NotReconnected;
        var actual = Inv($"{a.Lost.Count - missing.Count} of {a.Lost.Count}");
        var evidence = string.Join(", ", missing.Take(MaxListed).Select(r => Inv($"slot {r.Slot} (lost on {r.Pod} at {Time(r.End)}: {ConnectionRecord.ReasonText(r.Reason)})")))
            + (missing.Count > MaxListed ? Inv($" and {missing.Count - MaxListed} more") : "");
        var failedConnects = a.FailedConnects.Count == 0 ? "" : "; failed connects: " + string.Join(", ",
            a.FailedConnects.GroupBy(r => r.Detail).OrderByDescending(g => g.Count()).Select(g => Inv($"{g.Count()} × {g.Key}")));
        return Verdict(new CheckResult(key, description, missing.Count == 0, "all", actual), expectation,
            Inv($"{missing.Count} of {a.Lost.Count} did not: {evidence}{failedConnects}"), "", []);
    }

    /// <summary>Asserts that the rollout was complete within <paramref name="limit"/> of the image change and every old pod was gone. Records check <c>rollout_completed</c>.</summary>
    public AndConstraint<ScenarioResultAssertions> CompleteRolloutWithin(TimeSpan limit)
    {
        const string key = "rollout_completed";
        var report = Subject.Connections;
        var deployment = report?.Change?.Deployment ?? "(none)";
        var description = $"Rollout of deployment {deployment} complete within {Duration(limit)}";
        var expectation = $"Expected the rollout of deployment {deployment} to complete within {Duration(limit)} of the image change";
        var expected = $"≤ {Duration(limit)}";
        if (report?.Change is not { } change || report.Rollout is not { } rollout)
        {
            return Verdict(CheckResult.Fail(key, description, expected, NotAvailable), expectation, "the image was not changed or the rollout not watched", "", []);
        }

        if (rollout.CompletedAt is not { } completed)
        {
            return Verdict(CheckResult.Fail(key, description, expected, "not complete"), expectation,
                $"it was not complete after {Duration(limit)}: {rollout.LastStatus}", "", []);
        }

        var took = completed - change.AcceptedAt;
        var steps = Inv($"{Duration(took)} ({rollout.Steps.Count} status changes)");
        if (report.OldPodsGoneAt is null)
        {
            var left = report.PodEvents.Where(e => e.Pod is { } p && report.OldPods.Contains(p)).Select(e => e.Pod!).Distinct()
                .Where(p => !report.PodEvents.Any(e => e.Pod == p && e.Kind == Measurement.ClusterEventKind.PodDeleted)).ToList();
            return Verdict(CheckResult.Fail(key, description, expected, steps + ", old pods left"), expectation,
                $"it was complete after {Duration(took)} but old pod(s) {string.Join(", ", left)} were still there when monitoring ended", "", []);
        }

        return Verdict(new CheckResult(key, description, took <= limit, expected, steps), expectation, $"it took {Duration(took)}", "", []);
    }

    /// <summary>
    /// Asserts that the Deployment never had fewer than replicas − maxUnavailable Ready pods from the image change to the end,
    /// from its recorded pod events. Records check <c>min_ready_&lt;deployment&gt;</c>.
    /// </summary>
    public AndConstraint<ScenarioResultAssertions> KeepReadyPodsDuringRollout()
    {
        var report = Subject.Connections;
        if (report?.Change is not { } change)
        {
            return Verdict(CheckResult.Fail("min_ready_deployment", "Ready pods never below replicas − maxUnavailable", "n/a", NotAvailable),
                "Expected Ready pods never below replicas − maxUnavailable", "the image was not changed", "", []);
        }

        var role = change.Deployment;
        var key = "min_ready_" + role;
        var rule = Inv($"{change.Replicas} replicas − maxUnavailable {change.MaxUnavailable}");
        var description = $"At least {Pods(change.MinReady, role)} Ready throughout the rollout ({rule})";
        var expectation = $"Expected at least {Pods(change.MinReady, role)} Ready throughout the rollout ({rule})";
        var timeline = new ScenarioTimeline { Events = report.PodEvents, MonitoringStart = change.AcceptedAt, MonitoringEnd = report.StoppedAt };
        if (ReadyTimeline.Minimum(timeline, role) is not { } minimum)
        {
            return Verdict(CheckResult.Fail(key, description, Inv($"≥ {change.MinReady}"), NotAvailable), expectation, $"no pod events were recorded for deployment {role}", "", []);
        }

        return Verdict(new CheckResult(key, description, minimum.Count >= change.MinReady, Inv($"≥ {change.MinReady}"), Inv($"minimum {minimum.Count}")), expectation,
            Inv($"the minimum was {minimum.Count}, from {Time(minimum.From)} to {Time(minimum.To)}"), "", []);
    }

    private ConnectionAnalysis? Analysis(out string why)
    {
        why = Subject.Connections is null ? "no connection traffic was recorded" : "the image was not changed, so no connection can be judged";
        return Subject.Connections?.Analysis;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
