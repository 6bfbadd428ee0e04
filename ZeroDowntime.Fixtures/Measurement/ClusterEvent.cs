namespace ZeroDowntime.Fixtures.Measurement;

/// <summary>
/// One entry of the cluster timeline written to <c>*.events.jsonl</c>: a pod or node transition
/// seen on a watch, or a marker the suite placed (disruption started/accepted).
/// </summary>
/// <param name="Time">When the suite observed it (watch event arrival, or the instant of the call), on <see cref="MeasurementClock"/>.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Role">The target role the pod belongs to (<c>head</c>, <c>worker</c>, <c>redis</c>), or null.</param>
/// <param name="Pod">Pod name, or null for node events and markers without a pod.</param>
/// <param name="Uid">Pod uid (identifies a pod across same-name replacements), or null.</param>
/// <param name="Node">Node name, or null.</param>
/// <param name="Detail">Free text: the refusal message, the marker's label...</param>
/// <param name="ServerTime">The server's own timestamp when it has one (condition lastTransitionTime, whole seconds), or null.</param>
public sealed record ClusterEvent(
    DateTimeOffset Time,
    ClusterEventKind Kind,
    string? Role = null,
    string? Pod = null,
    string? Uid = null,
    string? Node = null,
    string? Detail = null,
    DateTimeOffset? ServerTime = null)
{
    /// <summary>The pod's identity for matching events: the uid when known, else the name.</summary>
    public string? PodKey => Uid ?? Pod;
}
