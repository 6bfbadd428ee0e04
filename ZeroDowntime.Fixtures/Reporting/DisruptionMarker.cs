namespace ZeroDowntime.Fixtures.Reporting;

/// <summary>
/// A labelled instant on a scenario's timeline where the suite acted on the cluster, drawn as a
/// vertical line in report.html: <c>delete ray-worker-abc</c>, <c>cordon zd-node-2</c>,
/// <c>evict ray-worker-def</c>, <c>uncordon zd-node-2</c>.
/// </summary>
/// <param name="Time">When the call was accepted (on <see cref="Measurement.MeasurementClock"/>).</param>
/// <param name="Label">Verb and object, short enough for a chart label.</param>
public sealed record DisruptionMarker(DateTimeOffset Time, string Label);
