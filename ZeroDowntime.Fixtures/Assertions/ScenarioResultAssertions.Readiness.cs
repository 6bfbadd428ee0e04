using FluentAssertions;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using static ZeroDowntime.Fixtures.Reporting.ReportFormat;

namespace ZeroDowntime.Fixtures.Assertions;

/// <summary>Ready-count, recovery and termination checks (from the pod event timeline).</summary>
public sealed partial class ScenarioResultAssertions
{
    /// <summary>
    /// Asserts that <paramref name="role"/> had at least <paramref name="count"/> Ready pods at every
    /// instant of the monitoring window. The evidence of a failure is the minimum and when it held.
    /// Records check <c>min_ready_&lt;role&gt;</c>.
    /// </summary>
    public AndConstraint<ScenarioResultAssertions> HaveAtLeastReadyThroughout(string role, int count, string because = "", params object[] becauseArgs)
    {
        var key = "min_ready_" + role;
        var description = $"At least {Pods(count, role)} Ready throughout";
        var expectation = $"Expected at least {Pods(count, role)} Ready throughout";
        var expected = $"≥ {count}";
        if (ReadyTimeline.Minimum(Subject.Timeline, role) is not { } minimum)
        {
            if (Subject.Metrics.MinReady.TryGetValue(role, out var measured))
            {
                return Verdict(new CheckResult(key, description, measured >= count, expected, $"minimum {measured}"), expectation, $"the minimum was {measured}", because, becauseArgs);
            }

            return Verdict(CheckResult.Fail(key, description, expected, NotAvailable), expectation, $"no pod events were recorded for role {role}", because, becauseArgs);
        }

        var check = new CheckResult(key, description, minimum.Count >= count, expected, $"minimum {minimum.Count}");
        return Verdict(check, expectation, $"the minimum was {minimum.Count}, from {Time(minimum.From)} to {Time(minimum.To)}", because, becauseArgs);
    }

    /// <summary>
    /// Asserts that <paramref name="role"/> was back at its expected Ready count (the timeline's
    /// <see cref="ScenarioTimeline.ExpectedReady"/>) within <paramref name="limit"/> of the first
    /// disruption. Records check <c>recovery_&lt;role&gt;</c>.
    /// </summary>
    public AndConstraint<ScenarioResultAssertions> RecoverWithin(string role, TimeSpan limit, string because = "", params object[] becauseArgs)
    {
        var key = "recovery_" + role;
        var recovery = RecoveryOf(role);
        var expectedReady = recovery?.ExpectedReady ?? (Subject.Timeline.ExpectedReady.TryGetValue(role, out var e) ? e : (int?)null);
        var target = expectedReady is { } n ? $"{role} pods back to {n} Ready" : $"{role} pods back to their expected Ready count";
        var description = $"{char.ToUpperInvariant(target[0])}{target[1..]} within {Duration(limit)}";
        var expectation = $"Expected {target} within {Duration(limit)} of the disruption";
        var expected = $"≤ {Duration(limit)}";
        if (recovery is null)
        {
            var why = Subject.Timeline.FirstDisruption is null ? "no disruption was recorded" : $"no recovery was measured for role {role}";
            return Verdict(CheckResult.Fail(key, description, expected, NotAvailable), expectation, why, because, becauseArgs);
        }

        if (recovery.Duration is not { } took)
        {
            var until = ReadyTimeline.ObservedUntil(Subject.Timeline);
            var last = until is { } u ? ReadyCounts.CountAt(Subject.Timeline.Events, role, u) : recovery.MinimumReady;
            var by = until is { } t ? $" by {Time(t)}" : string.Empty;
            return Verdict(CheckResult.Fail(key, description, expected, "not recovered"),
                expectation, $"they were not recovered{by}; last Ready count {last} of {recovery.ExpectedReady}", because, becauseArgs);
        }

        var actual = recovery.DegradedAt is null ? $"{Duration(took)} (never below {recovery.ExpectedReady})" : Duration(took);
        var evidence = recovery.DegradedAt is null
            ? $"it took {actual}"
            : $"it took {Duration(took)} (disrupted {Time(recovery.AcceptedAt)}, back {Time(recovery.RecoveredAt!.Value)})";
        return Verdict(new CheckResult(key, description, took <= limit, expected, actual), expectation, evidence, because, becauseArgs);
    }

    /// <summary>
    /// Asserts that every pod whose eviction or delete was accepted was DELETED within
    /// <paramref name="limit"/>; the evidence names the slowest. Records check <c>termination</c>.
    /// </summary>
    public AndConstraint<ScenarioResultAssertions> TerminateWithin(TimeSpan limit, string because = "", params object[] becauseArgs)
    {
        var description = $"Disrupted pod terminated within {Duration(limit)}";
        var expectation = $"Expected the disrupted pod to terminate within {Duration(limit)}";
        var expected = $"≤ {Duration(limit)}";
        var events = Subject.Timeline.Events;
        var terminations = Recovery.Terminations(events);
        if (terminations.Count == 0)
        {
            if (Subject.Metrics.TerminationTime is { } measured)
            {
                return Verdict(new CheckResult("termination", description, measured <= limit, expected, Duration(measured)), expectation, $"it took {Duration(measured)}", because, becauseArgs);
            }

            return Verdict(CheckResult.Fail("termination", description, expected, NotAvailable), expectation, "no accepted eviction or delete was recorded", because, becauseArgs);
        }

        var pending = terminations.FirstOrDefault(t => t.DeletedAt is null);
        if (pending != default)
        {
            var until = ReadyTimeline.ObservedUntil(Subject.Timeline);
            var by = until is { } u ? $" by {Time(u)}" : string.Empty;
            return Verdict(CheckResult.Fail("termination", description, expected, $"{PodName(pending.Pod)} not deleted"),
                expectation, $"{PodName(pending.Pod)} was not deleted{by} (accepted {Time(pending.AcceptedAt)})", because, becauseArgs);
        }

        var slowest = terminations.MaxBy(t => t.Duration!.Value);
        var took = slowest.Duration!.Value;
        var actual = $"{Duration(took)} ({PodName(slowest.Pod)})";
        return Verdict(new CheckResult("termination", description, took <= limit, expected, actual), expectation,
            $"{PodName(slowest.Pod)} took {Duration(took)} (accepted {Time(slowest.AcceptedAt)}, deleted {Time(slowest.DeletedAt!.Value)})", because, becauseArgs);
    }

    /// <summary>
    /// Asserts that <paramref name="role"/> had exactly <paramref name="count"/> Ready pods when
    /// monitoring ended. Records check <c>final_&lt;role&gt;</c>.
    /// </summary>
    public AndConstraint<ScenarioResultAssertions> EndWithReadyCount(string role, int count, string because = "", params object[] becauseArgs)
    {
        var key = "final_" + role;
        var description = $"{Pods(count, role)} Ready at the end";
        var expectation = $"Expected {Pods(count, role)} Ready at the end";
        var expected = $"= {count}";
        if (ReadyTimeline.ObservedUntil(Subject.Timeline) is not { } end || !Subject.Timeline.Events.Any(e => e.Role == role))
        {
            return Verdict(CheckResult.Fail(key, description, expected, NotAvailable), expectation, $"no pod events were recorded for role {role}", because, becauseArgs);
        }

        var actual = ReadyCounts.CountAt(Subject.Timeline.Events, role, end);
        var check = new CheckResult(key, description, actual == count, expected, $"{actual} at {Time(end)}");
        return Verdict(check, expectation, $"{actual} {(actual == 1 ? "was" : "were")} Ready at {Time(end)}", because, becauseArgs);
    }

    private RecoveryResult? RecoveryOf(string role)
    {
        if (Subject.Metrics.Recoveries.TryGetValue(role, out var measured))
        {
            return measured;
        }

        var timeline = Subject.Timeline;
        return timeline.FirstDisruption is { } at && timeline.ExpectedReady.TryGetValue(role, out var expected) && timeline.Events.Count > 0
            ? Recovery.Measure(timeline.Events, role, at, expected, observedUntil: timeline.MonitoringEnd)
            : null;
    }

    // Disruption markers name a pod by uid when known; the report reads better with its name.
    private string PodName(string podKey) =>
        Subject.Timeline.Events.FirstOrDefault(e => e.Uid == podKey && e.Pod is not null)?.Pod ?? podKey;
}
