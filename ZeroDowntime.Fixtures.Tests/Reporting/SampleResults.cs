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

    /// <summary>Three workers deleted in turn at 10 s, 40 s and 70 s; each replacement Ready 6 s later; short probe outages after each.</summary>
    public static ScenarioResult Sequential()
    {
        var start = At(60);
        var result = new ScenarioResult("SequentialDisruptions", start) { Index = 4, Total = 7 };
        var timeline = result.Timeline;
        timeline.MonitoringStart = start;
        timeline.MonitoringEnd = start + TimeSpan.FromSeconds(100);
        timeline.ExpectedReady["worker"] = 3;
        var load = new List<AttemptRecord>();
        var probe = new List<AttemptRecord>();
        for (var i = 0; i < 500; i++)
        {
            var t = i * 0.2;
            var fails = new[] { 10.0, 40.0, 70.0 }.Any(d => t >= d + 0.1 && t < d + 1.1);
            load.Add(Attempt(AttemptSources.BuiltInLoad, i, start, t, fails, 35 + (i % 9) * 8 + (fails ? 0 : t % 30 < 8 ? 120 : 0)));
        }

        for (var i = 0; i < 2000; i++)
        {
            var t = i * 0.05;
            var fails = new[] { 10.0, 40.0, 70.0 }.Any(d => t >= d + 0.1 && t < d + 0.9);
            probe.Add(Attempt(AttemptSources.Probe, i, start, t, fails, 4 + i % 3));
        }

        timeline.LoadAttempts = load;
        timeline.ProbeAttempts = probe;
        var events = new List<ClusterEvent>();
        string[] old = ["w1", "w2", "w3"];
        string[] fresh = ["w4", "w5", "w6"];
        foreach (var w in old)
        {
            events.Add(new ClusterEvent(start, ClusterEventKind.PodReady, "worker", "ray-worker-" + w, "uid-" + w));
        }

        for (var k = 0; k < 3; k++)
        {
            var d = start + TimeSpan.FromSeconds(10 + 30 * k);
            events.Add(new ClusterEvent(d, ClusterEventKind.DisruptionAccepted, "worker", "ray-worker-" + old[k], "uid-" + old[k]));
            events.Add(new ClusterEvent(d + TimeSpan.FromSeconds(0.05), ClusterEventKind.PodTerminating, "worker", "ray-worker-" + old[k], "uid-" + old[k]));
            events.Add(new ClusterEvent(d + TimeSpan.FromSeconds(1.5), ClusterEventKind.PodDeleted, "worker", "ray-worker-" + old[k], "uid-" + old[k]));
            events.Add(new ClusterEvent(d + TimeSpan.FromSeconds(6), ClusterEventKind.PodReady, "worker", "ray-worker-" + fresh[k], "uid-" + fresh[k]));
            result.MarkDisruption(d, "delete ray-worker-" + old[k]);
        }

        timeline.Events = events;
        result.ComputeMetrics(LoadSummary.FromAttempts("builtin", load, 0, TimeSpan.FromSeconds(100)));
        result.Record(CheckResult.Pass("success_rate", "Success rate above 90% throughout", "> 90%", Percent(result.Metrics)));
        result.Record(CheckResult.Pass("min_ready_worker", "At least 2 worker pods Ready throughout", "≥ 2", "minimum 2"));
        result.Record(CheckResult.Pass("total_downtime", "Total downtime below 30.0 s", "< 30.0 s", "2.4 s in 3 windows"));
        result.Finish(start + TimeSpan.FromSeconds(104));
        return result;
    }

    /// <summary>A head disruption that errored half-way: the head was deleted, then the watch failed; no load numbers, no end.</summary>
    public static ScenarioResult HeadDisruptionHalfWay()
    {
        var start = At(170);
        var result = new ScenarioResult("HeadDisruption", start) { Index = 6, Total = 7 };
        result.Timeline.ExpectedReady["head"] = 1;
        result.Timeline.Events =
        [
            new ClusterEvent(start + TimeSpan.FromSeconds(1), ClusterEventKind.PodReady, "head", "ray-head-h1", "uid-h1"),
            new ClusterEvent(start + TimeSpan.FromSeconds(5), ClusterEventKind.DisruptionAccepted, "head", "ray-head-h1", "uid-h1"),
            new ClusterEvent(start + TimeSpan.FromSeconds(5.1), ClusterEventKind.PodTerminating, "head", "ray-head-h1", "uid-h1"),
        ];
        result.MarkDisruption(start + TimeSpan.FromSeconds(5), "delete ray-head-h1");
        result.Error("HttpRequestException: watch on pods ended: Authorization: Bearer abc.def.ghi was rejected");
        return result;
    }

    public static SuiteReport FullSuite()
    {
        var suite = new SuiteReport("20250101-115940-ab12", T0 - TimeSpan.FromSeconds(20))
        {
            Cluster = "local (embedded), context zd-local",
            Profile = "local",
            ExpectedScenarioCount = 7,
        };
        suite.AddRepair("uncordoned zd-node-1 (cordoned by run 20241231-090000-ffff)");
        suite.Add(PreValidation());
        var drain = NodeDrain();
        drain.Record(CheckResult.Pass("success_rate", "Success rate above 90% during the drain", "> 90%", "91.3% (274 of 300)"));
        drain.Record(CheckResult.Pass("termination", "Disrupted pod terminated within 1 min", "≤ 1 min", "5.0 s (ray-worker-w2)"));
        drain.Record(CheckResult.Fail("pdb_blocks_second_eviction", "A second worker eviction is refused with 429", "429", "201 Created"));
        suite.Add(drain);
        suite.Add(Sequential());
        suite.Add(HeadDisruptionHalfWay());
        suite.AddPostValidationProblem("head pods: expected 1 Ready, found 0");
        suite.Finish(At(200));
        return suite;
    }

    private static string Percent(ScenarioMetrics metrics) =>
        $"{ReportFormat.Percent(metrics.SuccessRatePercent)} ({metrics.SuccessfulRequests} of {metrics.TotalRequests})";

    private static AttemptRecord Attempt(string source, int sequence, DateTimeOffset start, double seconds, bool fails, double latencyMs) =>
        fails
            ? new AttemptRecord(source, sequence, start + TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(2), AttemptOutcome.Failure, 503, AttemptErrorKind.HttpStatus, "HTTP 503")
            : new AttemptRecord(source, sequence, start + TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(latencyMs), AttemptOutcome.Success, 200, AttemptErrorKind.None);

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
