using ZeroDowntime.Fixtures.Measurement;
using ZeroDowntime.Fixtures.Reporting;
using ZeroDowntime.Fixtures.Upgrades;
using ZeroDowntime.MockVllm.Connections;
using static ZeroDowntime.Fixtures.Tests.Reporting.SampleResults;

namespace ZeroDowntime.Fixtures.Tests.Connections;

/// <summary>
/// A hand-built rolling upgrade with known numbers: deployment ray-worker, 2 replicas (maxSurge 1, maxUnavailable 0), image
/// changed at 2 s. Four connections, two on old-a and two on old-b. old-a goes at 4 s: slot 0 reconnects to new-a, slot 1 to
/// old-b, which goes at 6 s and takes slots 1 (lost again), 2 and 3; slot 1's first reconnect is refused, then it reaches new-b.
/// 5 lost (old-a 2, old-b 3, 1 lost again), 4 lasting (new-a 2, new-b 2), 1 failed connect; traffic stops at 10 s.
/// </summary>
internal static class SampleUpgrade
{
    public static ScenarioResult Result(bool loadingAnswers = false, bool readyDip = false, bool rolloutComplete = true)
    {
        var result = new ScenarioResult("RollingUpgrade", T0) { Index = 8, Total = 9 };
        result.Timeline.MonitoringStart = T0;
        result.Timeline.MonitoringEnd = At(10);
        result.Connections = Report(loadingAnswers, readyDip, rolloutComplete);
        return result;
    }

    public static ConnectionReport Report(bool loadingAnswers = false, bool readyDip = false, bool rolloutComplete = true) => new()
    {
        Service = "ray-serve-connections",
        Scheduler = "lc (zerodowntime.io/lb-scheduler)",
        Generator = "builtin",
        Target = "127.30.0.5:5003",
        Connections = 4,
        Rate = 5,
        RolloutDeadline = TimeSpan.FromSeconds(60),
        Change = new ImageChange("ray-worker", "ray-worker", "zerodowntime/mock-vllm:latest", "zerodowntime/mock-vllm:upgraded", 2, At(2), 2, 1, 0, "app=w"),
        OldPods = new HashSet<string>(["old-a", "old-b"], StringComparer.Ordinal),
        Rollout = new RolloutResult(rolloutComplete ? At(5.6) : null,
            [new RolloutStep(At(2.1), 1, 2, 2, 3), new RolloutStep(At(3.6), 1, 2, 2, 2), new RolloutStep(At(5.6), 2, 2, 2, 2)],
            "2 of 2 updated, 2 available, 2 total, observed generation 2 of 2"),
        OldPodsGoneAt = rolloutComplete ? At(6.05) : null,
        Records = Records(loadingAnswers),
        PodEvents = Events(readyDip),
        StoppedAt = At(10),
    };

    private static List<ConnectionRecord> Records(bool loadingAnswers) =>
    [
        new(0, 1, At(0), At(0.01), At(4), "old-a", 20, 20, 0, ConnectionEnd.Closed, null),
        new(1, 1, At(0), At(0.01), At(4), "old-a", 20, 20, 0, ConnectionEnd.Closed, null),
        new(2, 1, At(0), At(0.01), At(6), "old-b", 30, 30, 0, ConnectionEnd.Closed, null),
        new(3, 1, At(0), At(0.01), At(6), "old-b", 30, 30, 0, ConnectionEnd.Closed, null),
        new(0, 2, At(4), At(4.01), At(10), "new-a", 30, 30, 0, ConnectionEnd.Lasting, null),
        new(1, 2, At(4), At(4.01), At(6), "old-b", 10, 9, 1, ConnectionEnd.Closed, "closed before answering"),
        new(1, 3, At(6), null, At(6.05), null, 0, 0, 0, ConnectionEnd.ConnectFailed, "connection refused"),
        new(1, 4, At(6.15), At(6.2), At(10), "new-b", 19, 19, 0, ConnectionEnd.Lasting, null),
        new(2, 2, At(6), At(6.01), At(10), "new-b", 20, 20, 0, ConnectionEnd.Lasting, null),
        loadingAnswers
            ? new(3, 2, At(6), At(6.01), At(10), "new-a", 20, 17, 3, ConnectionEnd.Lasting, "error loading")
            : new(3, 2, At(6), At(6.01), At(10), "new-a", 20, 20, 0, ConnectionEnd.Lasting, null),
    ];

    private static List<ClusterEvent> Events(bool readyDip) =>
    [
        new(At(0), ClusterEventKind.PodReady, "ray-worker", "old-a", "ua"),
        new(At(0), ClusterEventKind.PodReady, "ray-worker", "old-b", "ub"),
        new(At(2.1), ClusterEventKind.PodCreated, "ray-worker", "new-a", "na"),
        new(At(3.5), ClusterEventKind.PodReady, "ray-worker", "new-a", "na"),
        new(At(3.6), ClusterEventKind.PodTerminating, "ray-worker", "old-a", "ua"),
        new(At(3.7), ClusterEventKind.PodCreated, "ray-worker", "new-b", "nb"),
        new(At(4.05), ClusterEventKind.PodDeleted, "ray-worker", "old-a", "ua"),
        new(At(readyDip ? 5.4 : 5.6), ClusterEventKind.PodTerminating, "ray-worker", "old-b", "ub"),
        new(At(5.5), ClusterEventKind.PodReady, "ray-worker", "new-b", "nb"),
        new(At(6.05), ClusterEventKind.PodDeleted, "ray-worker", "old-b", "ub"),
    ];
}
