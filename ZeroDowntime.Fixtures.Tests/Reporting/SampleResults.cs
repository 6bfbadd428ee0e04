using ZeroDowntime.Fixtures.Load;
using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;

namespace ZeroDowntime.Fixtures.Tests.Reporting;

/// <summary>
/// Hand-built scenario results with exactly known numbers. The node drain: monitoring 12:00:00–12:00:30,
/// load 10/s (300 attempts, the 26 starting in [1.2 s, 3.8 s) fail), probe 20/s failing in
/// [1.20 s, 4.85 s), worker w2 evicted at 1.00 s (terminating 1.05 s, deleted 6.00 s), replacement
/// w4 Ready at 4.40 s, so 2 workers Ready from 1.05 s to 4.40 s and recovery 3.4 s.
/// </summary>
internal static class SampleResults
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => T0 + TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    public static ScenarioResult NodeDrain(bool replacementBecomesReady = true, bool finish = true)
    {
        var result = new ScenarioResult("NodeDrain", T0) { Index = 3, Total = 7 };
        var timeline = result.Timeline;
        timeline.MonitoringStart = T0;
        timeline.MonitoringEnd = At(30);
        timeline.ExpectedReady["worker"] = 3;
        timeline.ExpectedReady["head"] = 1;
        timeline.LoadAttempts = Attempts(AttemptSources.BuiltInLoad, count: 300, period: 0.1, failFrom: 1.2, failTo: 3.8, latencyMs: i => 40 + i % 7 * 10);
        timeline.ProbeAttempts = Attempts(AttemptSources.Probe, count: 600, period: 0.05, failFrom: 1.2, failTo: 4.85, latencyMs: i => 5 + i % 3);
        timeline.Events = DrainEvents(replacementBecomesReady);
        result.MarkDisruption(At(0.9), "cordon zd-node-2");
        result.MarkDisruption(At(1.0), "evict ray-worker-w2");
        result.MarkDisruption(At(20), "uncordon zd-node-2");
        result.ComputeMetrics(LoadSummary.FromAttempts("builtin", timeline.LoadAttempts.ToList(), droppedIterations: 0, TimeSpan.FromSeconds(30)));
        if (finish)
        {
            result.Finish(At(42.5));
        }

        return result;
    }

    /// <summary>A validation scenario with checks only (no load, no timeline), like the seed's pre-validation.</summary>
    public static ScenarioResult PreValidation()
    {
        var result = new ScenarioResult("PreValidation", T0 - TimeSpan.FromSeconds(20), "Pre-Test Validation") { Index = 1, Total = 7 };
        result.Record(CheckResult.Pass("worker_pods", "Worker pods Ready", "3", "3/3"));
        result.Record(CheckResult.Pass("head_pod", "Head pod Ready", "1", "1/1"));
        result.Record(CheckResult.Pass("baseline", "Baseline inference", "HTTP 200 with generated_text", "1234 ms"));
        result.Finish(T0 - TimeSpan.FromSeconds(5));
        return result;
    }

    public static SuiteReport Suite()
    {
        var suite = new SuiteReport("20250101-115940-ab12", T0 - TimeSpan.FromSeconds(20))
        {
            Cluster = "local (embedded), context zd-local",
            Profile = "local",
            ExpectedScenarioCount = 7,
        };
        suite.AddRepair("uncordoned zd-node-1 (cordoned by run 20241231-090000-ffff)");
        suite.Add(PreValidation());
        suite.Add(NodeDrain());
        suite.Finish(At(45));
        return suite;
    }

    public static IReadOnlyList<AttemptRecord> Attempts(string source, int count, double period, double failFrom, double failTo, Func<int, double> latencyMs)
    {
        var list = new List<AttemptRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var start = Math.Round(i * period, 6);
            var fails = start >= failFrom - 1e-9 && start < failTo - 1e-9;
            list.Add(fails
                ? new AttemptRecord(source, i, At(start), TimeSpan.FromMilliseconds(1), AttemptOutcome.Failure, null, AttemptErrorKind.ConnectionRefused, "Connection refused (127.0.0.1:8000)")
                : new AttemptRecord(source, i, At(start), TimeSpan.FromMilliseconds(latencyMs(i)), AttemptOutcome.Success, 200, AttemptErrorKind.None));
        }

        return list;
    }

    private static List<ClusterEvent> DrainEvents(bool replacementBecomesReady)
    {
        var events = new List<ClusterEvent>();
        foreach (var worker in new[] { "w1", "w2", "w3" })
        {
            events.Add(Pod(0, ClusterEventKind.PodReady, "worker", worker));
        }

        events.Add(Pod(0, ClusterEventKind.PodReady, "head", "h1"));
        events.Add(new ClusterEvent(At(0.9), ClusterEventKind.NodeCordoned, Node: "zd-node-2"));
        events.Add(Pod(1.0, ClusterEventKind.DisruptionAccepted, "worker", "w2") with { Detail = "evicted by drain" });
        events.Add(Pod(1.05, ClusterEventKind.PodTerminating, "worker", "w2"));
        events.Add(Pod(1.1, ClusterEventKind.PodCreated, "worker", "w4"));
        if (replacementBecomesReady)
        {
            events.Add(Pod(4.4, ClusterEventKind.PodReady, "worker", "w4"));
        }

        events.Add(Pod(6.0, ClusterEventKind.PodDeleted, "worker", "w2"));
        events.Add(new ClusterEvent(At(20), ClusterEventKind.NodeUncordoned, Node: "zd-node-2"));
        return events;
    }

    private static ClusterEvent Pod(double seconds, ClusterEventKind kind, string role, string name) =>
        new(At(seconds), kind, role, "ray-" + role + "-" + name, "uid-" + name, "zd-node-2");
}
