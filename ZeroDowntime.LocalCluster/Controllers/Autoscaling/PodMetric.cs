namespace ZeroDowntime.LocalCluster.Controllers.Autoscaling;

/// <summary>
/// One pod's value of a metric as the resource metrics API reports it (metricsclient.PodMetric):
/// the value in milli-units (millicores for cpu, thousandths of a byte for memory), the end of the
/// window it was measured over, and that window.
/// </summary>
/// <param name="Value">Milli-units: 250 = a quarter of a core.</param>
/// <param name="Timestamp">When the window ended.</param>
/// <param name="Window">How long the usage was averaged over.</param>
public readonly record struct PodMetric(long Value, DateTimeOffset Timestamp, TimeSpan Window);
