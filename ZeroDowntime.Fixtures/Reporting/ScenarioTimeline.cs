using ZeroDowntime.Fixtures.Measurement;

namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// The raw evidence of one scenario: every load and probe attempt, every cluster event, the suite's
/// disruption markers and the monitoring window. Written to <c>&lt;key&gt;.requests.csv</c> and
/// <c>&lt;key&gt;.events.jsonl</c> and drawn in report.html.
/// </summary>
/// <remarks>Assign snapshots (e.g. <c>load.Attempts.ToList()</c>) when the scenario stops; a list is never mutated afterwards.</remarks>
public sealed class ScenarioTimeline
{
    private readonly Lock _gate = new();
    private readonly List<DisruptionMarker> _markers = [];

    /// <summary>Attempts of the load generator (k6 or built-in).</summary>
    public IReadOnlyList<AttemptRecord> LoadAttempts { get; set; } = [];

    /// <summary>Attempts of the availability probe.</summary>
    public IReadOnlyList<AttemptRecord> ProbeAttempts { get; set; } = [];

    /// <summary>
    /// Attempts of probes a scenario runs besides the main one (NetworkPartition's second connection mode),
    /// by their own <see cref="AttemptRecord.Source"/>: written to the raw timeline, judged by the scenario's own checks, not by the metrics.
    /// </summary>
    public IReadOnlyList<AttemptRecord> AdditionalAttempts { get; set; } = [];

    /// <summary>Pod/node transitions and suite markers, as the event recorder saw them.</summary>
    public IReadOnlyList<ClusterEvent> Events { get; set; } = [];

    /// <summary>Expected Ready count per role (e.g. worker 3, head 1, redis 3), drawn as a dashed line on the chart.</summary>
    public IDictionary<string, int> ExpectedReady { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>
    /// When the load and the probe started (before the baseline); null when unknown. The chart starts
    /// here, so the baseline and every failure before the first disruption are on it.
    /// </summary>
    public DateTimeOffset? LoadStartedAt { get; set; }

    /// <summary>When monitoring began (the first disruption, else load start); null before it did. The chart starts here when <see cref="LoadStartedAt"/> is unknown.</summary>
    public DateTimeOffset? MonitoringStart { get; set; }

    /// <summary>When monitoring ended (load stop); null while it runs. "Throughout" and "at the end" checks use it.</summary>
    public DateTimeOffset? MonitoringEnd { get; set; }

    /// <summary>Set when the load generator stopped by itself mid-run (<see cref="LoadGeneratorStop"/>); null when it ran to the end.</summary>
    public LoadGeneratorStop? LoadGeneratorStopped { get; set; }

    /// <summary>The disruption markers in time order.</summary>
    public IReadOnlyList<DisruptionMarker> Markers
    {
        get
        {
            lock (_gate)
            {
                return _markers.OrderBy(m => m.Time).ToList();
            }
        }
    }

    /// <summary>
    /// Where recovery and "after the disruption" are measured from, when set explicitly; see <see cref="FirstDisruption"/>.
    /// </summary>
    public DateTimeOffset? DisruptionAt { get; set; }

    /// <summary>
    /// The instant the disruption was accepted: <see cref="DisruptionAt"/> when set, else the first
    /// <see cref="ClusterEventKind.DisruptionAccepted"/> event (a cordon is a marker, not a disruption),
    /// else the first marker; null when nothing was disrupted.
    /// </summary>
    public DateTimeOffset? FirstDisruption =>
        DisruptionAt
        ?? Events.Where(e => e.Kind == ClusterEventKind.DisruptionAccepted).Select(e => (DateTimeOffset?)e.Time).Min()
        ?? Markers.FirstOrDefault()?.Time;

    /// <summary>
    /// The attempts that judge availability: the load's when there are any, else the probe's.
    /// </summary>
    public IReadOnlyList<AttemptRecord> AvailabilityAttempts => LoadAttempts.Count > 0 ? LoadAttempts : ProbeAttempts;

    /// <summary>Adds a marker; safe from any thread.</summary>
    public void Mark(DateTimeOffset time, string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        lock (_gate)
        {
            _markers.Add(new DisruptionMarker(time, label));
        }
    }
}
