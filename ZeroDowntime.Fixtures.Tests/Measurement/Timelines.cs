using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Tests.Measurement;

/// <summary>Builders for hand-written timelines: readable inputs with exactly known answers.</summary>
internal static class Timelines
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => T0 + TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    public static AttemptRecord Ok(double startSeconds, double latencyMs = 10, long sequence = 0, string source = AttemptSources.Probe) =>
        new(source, sequence, At(startSeconds), TimeSpan.FromMilliseconds(latencyMs), AttemptOutcome.Success, 200, AttemptErrorKind.None);

    public static AttemptRecord Fail(double startSeconds, double latencyMs = 1, AttemptErrorKind kind = AttemptErrorKind.ConnectionRefused, long sequence = 0, string source = AttemptSources.Probe) =>
        new(source, sequence, At(startSeconds), TimeSpan.FromMilliseconds(latencyMs), AttemptOutcome.Failure, null, kind, "refused");

    /// <summary>"SSFFS": one attempt per character every <paramref name="periodSeconds"/> from T0; S succeeds, F fails.</summary>
    public static List<AttemptRecord> Pattern(string pattern, double periodSeconds = 0.05) =>
        pattern.Select((c, i) => c == 'S' ? Ok(i * periodSeconds, sequence: i) : Fail(i * periodSeconds, sequence: i)).ToList();

    public static ClusterEvent Ready(double seconds, string pod, string role = "worker") => new(At(seconds), ClusterEventKind.PodReady, role, pod, "uid-" + pod);

    public static ClusterEvent NotReady(double seconds, string pod, string role = "worker") => new(At(seconds), ClusterEventKind.PodNotReady, role, pod, "uid-" + pod);

    public static ClusterEvent Terminating(double seconds, string pod, string role = "worker") => new(At(seconds), ClusterEventKind.PodTerminating, role, pod, "uid-" + pod);

    public static ClusterEvent Deleted(double seconds, string pod, string role = "worker") => new(At(seconds), ClusterEventKind.PodDeleted, role, pod, "uid-" + pod);
}
